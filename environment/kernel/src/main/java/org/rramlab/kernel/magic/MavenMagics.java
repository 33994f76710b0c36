package org.rramlab.kernel.magic;

import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.collection.DependencyCollectionException;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.JreProxySelector;
import org.eclipse.aether.util.repository.SimpleResolutionErrorPolicy;

import java.io.PrintStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code %maven} (also {@code %addMavenDependencies}, {@code %addMavenDependency}) and {@code %mavenRepo}, as in
 * IJava: resolves artifacts and their runtime dependencies, transitively, with Apache Maven Resolver (the library
 * inside Maven), and adds the jars to the class path of the cells that follow.
 * <ul>
 *   <li>Repositories: those added with {@code %mavenRepo id url}, in order, then Maven Central, as Maven puts a
 *       POM's repositories before Central.</li>
 *   <li>Local repository: Maven's, {@code ~/.m2/repository}, or {@code -Dmaven.repo.local=...} (Maven's own
 *       property); what Maven has downloaded before is not fetched again.</li>
 *   <li>Proxies: the JVM's ({@code -Dhttps.proxyHost=...}).</li>
 *   <li>Failures are not cached: after fixing a repository or the network, the same {@code %maven} tries again.</li>
 * </ul>
 * The resolver is built on the first {@code %maven}, so a session that never uses it pays nothing at start-up.
 */
public final class MavenMagics {
    public static final String CENTRAL_ID = "central";
    public static final String CENTRAL_URL = "https://repo.maven.apache.org/maven2/";

    private final Consumer<Path> classpath;
    private final Supplier<PrintStream> out;
    private final Path localRepository;
    private final Map<String, RemoteRepository> userRepositories = new LinkedHashMap<>();
    private final Set<Path> added = new LinkedHashSet<>();
    private RepositorySystem system;
    private RepositorySystemSession session;

    /**
     * @param classpath receives each resolved jar, in dependency order
     * @param out       where progress lines go (the running cell's stdout)
     */
    public MavenMagics(Consumer<Path> classpath, Supplier<PrintStream> out) {
        this.classpath = classpath;
        this.out = out;
        String local = System.getProperty("maven.repo.local");
        this.localRepository = local != null && !local.isBlank()
                ? Path.of(local).toAbsolutePath()
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** The local repository in use. */
    public Path localRepository() {
        return localRepository;
    }

    /** {@code %mavenRepo id url}: adds (or, for a known id, replaces) a repository searched before Central. */
    public void mavenRepo(List<String> args) throws MagicException {
        if (args.size() != 2) {
            throw new MagicException("%mavenRepo: expected an id and a URL, e.g. %mavenRepo jitpack https://jitpack.io"
                    + " (got " + (args.isEmpty() ? "nothing" : String.join(" ", args)) + ")");
        }
        String id = args.get(0);
        String url = args.get(1);
        if (!id.matches("[A-Za-z0-9_.\\-]+")) {
            throw new MagicException("%mavenRepo: the id '" + id + "' may only have letters, digits and . _ -");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!List.of("http", "https", "file").contains(scheme)) {
                throw new MagicException("%mavenRepo: '" + url + "' is not an http, https or file URL;"
                        + " expected e.g. %mavenRepo jitpack https://jitpack.io");
            }
        } catch (URISyntaxException e) {
            throw new MagicException("%mavenRepo: '" + url + "' is not a URL: " + e.getMessage(), e);
        }
        RepositoryPolicy policy = new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_DAILY,
                RepositoryPolicy.CHECKSUM_POLICY_WARN);
        userRepositories.put(id, new RemoteRepository.Builder(id, "default", url).setPolicy(policy).build());
    }

    /** {@code %maven coordinate...}: resolves them and their dependencies; returns the jars added now. */
    public List<Path> maven(List<String> args) throws MagicException {
        if (args.isEmpty()) {
            throw new MagicException("%maven: no argument; " + MavenCoordinate.EXPECTED);
        }
        List<MavenCoordinate> coordinates = new ArrayList<>();
        for (String arg : args) {
            coordinates.add(MavenCoordinate.parse(arg));
        }
        List<RemoteRepository> repositories = repositories();
        CollectRequest collect = new CollectRequest();
        for (MavenCoordinate c : coordinates) {
            collect.addDependency(new Dependency(new DefaultArtifact(c.resolverForm()), JavaScopes.RUNTIME));
        }
        collect.setRepositories(repositories);
        DependencyRequest request = new DependencyRequest(collect,
                DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        DependencyResult result;
        try {
            result = system().resolveDependencies(session(), request);
        } catch (DependencyResolutionException e) {
            throw new MagicException(describeFailure(coordinates, repositories, e), e);
        } catch (RuntimeException e) {
            throw new MagicException("%maven: resolving " + coordinates + " failed: " + e, e);
        }
        List<Path> jars = new ArrayList<>();
        for (ArtifactResult artifact : result.getArtifactResults()) {
            Path path = artifact.getArtifact() == null ? null : artifact.getArtifact().getPath();
            if (path != null && path.getFileName().toString().endsWith(".jar") && added.add(path)) {
                jars.add(path);
            }
        }
        jars.forEach(classpath);
        out.get().println("%maven: " + (jars.isEmpty() ? "nothing new to add" : "added " + jars.size()
                + (jars.size() == 1 ? " jar: " : " jars: ")
                + String.join(", ", jars.stream().map(p -> p.getFileName().toString()).toList())));
        return jars;
    }

    private List<RemoteRepository> repositories() {
        List<RemoteRepository> repositories = new ArrayList<>(userRepositories.values());
        if (!userRepositories.containsKey(CENTRAL_ID)) {
            repositories.add(new RemoteRepository.Builder(CENTRAL_ID, "default", CENTRAL_URL)
                    .setSnapshotPolicy(new RepositoryPolicy(false, null, null)).build());
        }
        return repositories;
    }

    private synchronized RepositorySystem system() {
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        return system;
    }

    private synchronized RepositorySystemSession session() {
        if (session == null) {
            session = new SessionBuilderSupplier(system()).get()
                    .withLocalRepositoryBaseDirectories(localRepository)
                    .setSystemProperties(System.getProperties())
                    .setProxySelector(new JreProxySelector())
                    // A failed look-up must not be remembered: the user fixes the cause and runs the cell again.
                    .setResolutionErrorPolicy(new SimpleResolutionErrorPolicy(false, false))
                    .setConfigProperty("aether.connector.connectTimeout", 15_000)
                    .setConfigProperty("aether.connector.requestTimeout", 60_000)
                    .setTransferListener(new Progress())
                    .build();
        }
        return session;
    }

    /** One line per jar downloaded (POMs and checksums are many and small: not worth a line each). */
    private final class Progress extends AbstractTransferListener {
        @Override
        public void transferSucceeded(TransferEvent event) {
            String name = event.getResource().getResourceName();
            if (name.endsWith(".jar")) {
                out.get().printf(Locale.ROOT, "%%maven: downloaded %s (%.0f kB) from %s%n",
                        name.substring(name.lastIndexOf('/') + 1), event.getTransferredBytes() / 1000.0,
                        event.getResource().getRepositoryId());
            }
        }
    }

    /**
     * What went wrong, per artifact and repository: absent from a repository, or a repository that could not be
     * reached (and why), then what to do about it.
     */
    static String describeFailure(List<MavenCoordinate> wanted, List<RemoteRepository> repositories, Exception e) {
        Set<String> notFound = new LinkedHashSet<>();
        Set<String> unreachable = new LinkedHashSet<>();
        Set<String> other = new LinkedHashSet<>();
        for (ArtifactTransferException t : transferFailures(e)) {
            String where = t.getRepository() == null ? "a repository"
                    : t.getRepository().getId() + " (" + t.getRepository().getUrl() + ")";
            String artifact = t.getArtifact() == null ? "an artifact" : describe(t.getArtifact());
            Throwable network = networkCause(t);
            if (t instanceof ArtifactNotFoundException) {
                notFound.add(artifact + " is not in " + where);
            } else if (network != null) {
                unreachable.add("could not reach " + where + ": " + network.getClass().getSimpleName()
                        + (network.getMessage() == null ? "" : ": " + network.getMessage()));
            } else {
                other.add(artifact + " from " + where + ": " + t.getMessage());
            }
        }
        StringBuilder message = new StringBuilder("%maven: cannot resolve ")
                .append(String.join(", ", wanted.stream().map(MavenCoordinate::toString).toList())).append(':');
        for (String line : notFound) {
            message.append("\n  - ").append(line);
        }
        for (String line : unreachable) {
            message.append("\n  - ").append(line);
        }
        for (String line : other) {
            message.append("\n  - ").append(line);
        }
        if (notFound.isEmpty() && unreachable.isEmpty() && other.isEmpty()) {
            message.append("\n  - ").append(rootCause(e).toString());
        }
        message.append("\nSearched: ").append(String.join(", ", repositories.stream()
                .map(r -> r.getId() + " (" + r.getUrl() + ")").toList())).append('.');
        if (!unreachable.isEmpty()) {
            message.append("\nNo network? Check this machine's connection or proxy (-Dhttps.proxyHost=...), or add a"
                    + " reachable mirror with %mavenRepo <id> <url>.");
        }
        if (!notFound.isEmpty()) {
            message.append("\nCheck the group, artifact and version (search.maven.org lists what Central has), or add"
                    + " the repository that has it with %mavenRepo <id> <url>.");
        }
        return message.toString();
    }

    private static String describe(Artifact a) {
        return a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getExtension()
                + (a.getClassifier().isEmpty() ? "" : ":" + a.getClassifier()) + ":" + a.getVersion();
    }

    /** Every transfer failure below {@code e}: through causes, suppressed exceptions and the resolver's results. */
    private static List<ArtifactTransferException> transferFailures(Throwable e) {
        List<ArtifactTransferException> found = new ArrayList<>();
        collect(e, found, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void collect(Throwable t, List<ArtifactTransferException> found, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        if (t instanceof ArtifactTransferException transfer) {
            found.add(transfer);
        }
        if (t instanceof DependencyResolutionException d && d.getResult() != null) {
            d.getResult().getCollectExceptions().forEach(x -> collect(x, found, seen));
            d.getResult().getArtifactResults().forEach(r -> r.getExceptions().forEach(x -> collect(x, found, seen)));
        }
        if (t instanceof DependencyCollectionException c && c.getResult() != null) {
            c.getResult().getExceptions().forEach(x -> collect(x, found, seen));
        }
        if (t instanceof ArtifactDescriptorException a && a.getResult() != null) {
            a.getResult().getExceptions().forEach(x -> collect(x, found, seen));
        }
        if (t instanceof ArtifactResolutionException r) {
            r.getResults().forEach(res -> res.getExceptions().forEach(x -> collect(x, found, seen)));
        }
        collect(t.getCause(), found, seen);
        for (Throwable s : t.getSuppressed()) {
            collect(s, found, seen);
        }
    }

    /** The connection failure under {@code t}, if that is what it is. */
    private static Throwable networkCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException
                    || c instanceof NoRouteToHostException || c instanceof SocketTimeoutException) {
                return c;
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
