package org.rramlab.energy;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What every parameter record of this package shares: a list of its {@link Parameter}s, a copy with one parameter
 * changed by name, and a printable table. Implemented once here over the record's components, so a new parameter is
 * one new record component and nothing else.
 */
public interface ParameterSet<T extends Record & ParameterSet<T>> {

    /** Every {@link Parameter} component, in declaration order. */
    default List<Parameter> parameters() {
        List<Parameter> list = new ArrayList<>();
        for (RecordComponent c : getClass().getRecordComponents()) {
            if (c.getType() == Parameter.class) {
                list.add((Parameter) read(c, this));
            }
        }
        return list;
    }

    /** The parameter called {@code name}; an {@link IllegalArgumentException} lists the names when there is none. */
    default Parameter parameter(String name) {
        for (Parameter p : parameters()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException(getClass().getSimpleName() + ": no parameter '" + name + "', expected one of "
                + parameters().stream().map(Parameter::name).collect(Collectors.joining(", ")));
    }

    /**
     * The parameters whose value differs from {@code reference} (e.g. the preset this set was made from): what a
     * notebook prints to say how its configuration departs from the default.
     */
    default List<Parameter> changedFrom(T reference) {
        List<Parameter> changed = new ArrayList<>();
        for (Parameter p : parameters()) {
            if (p.value() != reference.parameter(p.name()).value()) {
                changed.add(p);
            }
        }
        return changed;
    }

    /** A copy with parameter {@code name} set to {@code value} (in the parameter's own unit). */
    @SuppressWarnings("unchecked")
    default T with(String name, double value) {
        Parameter changed = parameter(name).withValue(value);
        RecordComponent[] components = getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            Object v = read(components[i], this);
            args[i] = (v instanceof Parameter p && p.name().equals(name)) ? changed : v;
        }
        try {
            Constructor<?> ctor = getClass().getDeclaredConstructor(types);
            return (T) ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + getClass().getName(), e);
        }
    }

    /** The parameters as a table: name, value, unit, plausible range, source, assumed. */
    default Table table() {
        List<Parameter> ps = parameters();
        return Table.create(getClass().getSimpleName() + " parameters",
                StringColumn.create("parameter", ps.stream().map(Parameter::name)),
                DoubleColumn.create("value", ps.stream().mapToDouble(Parameter::value)),
                StringColumn.create("unit", ps.stream().map(Parameter::unit)),
                DoubleColumn.create("low", ps.stream().mapToDouble(Parameter::low)),
                DoubleColumn.create("high", ps.stream().mapToDouble(Parameter::high)),
                BooleanColumn.create("assumed", ps.stream().map(p -> p.source().assumed()).toList()),
                StringColumn.create("source", ps.stream().map(p -> p.source().text())));
    }

    /**
     * Checks, from a compact constructor, that each Parameter argument is present and carries its component's name
     * (catches a preset that mislabels a component). {@code values} are the Parameter components in declaration order.
     */
    static void checkNames(Class<? extends Record> type, Parameter... values) {
        int i = 0;
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getType() != Parameter.class) {
                continue;
            }
            Parameter p = values[i++];
            if (p == null) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + c.getName()
                        + ": is null, expected a Parameter");
            }
            if (!p.name().equals(c.getName())) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + c.getName()
                        + ": parameter is named '" + p.name() + "', expected '" + c.getName() + "'");
            }
        }
    }

    private static Object read(RecordComponent c, Object r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }
}
