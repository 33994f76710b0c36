package org.rramlab.crossbar;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rramlab.notebook.NotebookCells;
import org.rramlab.experiment.Profile;

/** The device and crossbar notebooks (01, 02) run cell by cell in JShell under the ci profile, and say what they must. */
class NotebookCellsTest {
    private boolean setProfile;

    @BeforeEach
    void ciProfile() {
        setProfile = System.getProperty(Profile.PROPERTY) == null && System.getenv("RRAMLAB_PROFILE") == null;
        if (setProfile) {
            System.setProperty(Profile.PROPERTY, "ci");
        }
    }

    @AfterEach
    void clearProfile() {
        if (setProfile) {
            System.clearProperty(Profile.PROPERTY);
        }
    }

    @Test
    void deviceStochasticityNotebookRuns() throws Exception {
        String out = printed("01-device-stochasticity.ipynb");
        assertTrue(out.contains("profile "), "the profile line is printed");
        assertTrue(out.contains("write-verify costs"), out);
    }

    @Test
    void crossbarNotebookRuns() throws Exception {
        String out = printed("02-crossbar.ipynb");
        assertTrue(out.contains("4-bit DAC alone"), out);
    }

    private static String printed(String notebook) throws Exception {
        List<NotebookCells.Cell> cells = NotebookCells.run(NotebookCells.locate(notebook));
        return cells.stream().map(NotebookCells.Cell::printed).collect(Collectors.joining());
    }
}
