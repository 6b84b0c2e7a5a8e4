package io.sparkact.jobs.config;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.sparkact.jobs.cli.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Converts raw values (HOCON values or --set text) to a key's type and checks its constraint. */
final class ConfigValues {

    private ConfigValues() {
    }

    /** A value from a HOCON file; {@code where} names the file and line for messages. */
    static Object fromConfig(ConfigKey key, ConfigValue v, String where) {
        if (v.valueType() == ConfigValueType.LIST) {
            if (key.type() != ConfigKey.Type.STRING_LIST && key.type() != ConfigKey.Type.INT_LIST) {
                throw invalid(key, v.render(com.typesafe.config.ConfigRenderOptions.concise()), where);
            }
            List<String> items = new ArrayList<>();
            for (Object o : (List<?>) v.unwrapped()) {
                if (o instanceof List || o instanceof java.util.Map || o == null) {
                    throw invalid(key, v.render(com.typesafe.config.ConfigRenderOptions.concise()), where);
                }
                items.add(String.valueOf(o));
            }
            return list(key, items, v.render(com.typesafe.config.ConfigRenderOptions.concise()), where);
        }
        if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.NULL) {
            throw invalid(key, v.render(com.typesafe.config.ConfigRenderOptions.concise()), where);
        }
        return fromText(key, String.valueOf(v.unwrapped()), where);
    }

    /** A value given as text (--set key=value, or a HOCON scalar). */
    static Object fromText(ConfigKey key, String raw, String where) {
        String text = unquote(raw.trim());
        switch (key.type()) {
            case STRING:
                if (key.required() && text.isBlank()) {
                    throw invalid(key, raw, where); // a required path or name given as "" is not given at all
                }
                return text;
            case INT:
            case LONG: {
                long l;
                try {
                    l = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw invalid(key, raw, where);
                }
                if ((key.range() != null && !key.range().contains(l))
                        || (key.type() == ConfigKey.Type.INT && (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE))) {
                    throw invalid(key, raw, where);
                }
                return key.type() == ConfigKey.Type.INT ? (Object) (int) l : (Object) l;
            }
            case REAL: {
                double d;
                try {
                    d = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw invalid(key, raw, where);
                }
                if (!Double.isFinite(d) || (key.range() != null && !key.range().contains(d))) {
                    throw invalid(key, raw, where);
                }
                return d;
            }
            case BOOL: {
                String l = text.toLowerCase(Locale.ROOT);
                if (List.of("true", "on", "yes").contains(l)) {
                    return true;
                }
                if (List.of("false", "off", "no").contains(l)) {
                    return false;
                }
                throw invalid(key, raw, where);
            }
            case ENUM: {
                String l = text.toLowerCase(Locale.ROOT);
                if (!key.choices().contains(l)) {
                    throw invalid(key, raw, where);
                }
                return l;
            }
            default: {
                String body = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
                List<String> items = new ArrayList<>();
                if (!body.isBlank()) {
                    for (String s : body.split(",", -1)) {
                        items.add(unquote(s.trim()));
                    }
                }
                return list(key, items, raw, where);
            }
        }
    }

    private static Object list(ConfigKey key, List<String> items, String raw, String where) {
        if (key.type() == ConfigKey.Type.STRING_LIST) {
            if (items.stream().anyMatch(String::isEmpty)) {
                throw invalid(key, raw, where);
            }
            return List.copyOf(items);
        }
        List<Integer> ints = new ArrayList<>();
        for (String s : items) {
            try {
                int i = Integer.parseInt(s);
                if (key.range() != null && !key.range().contains(i)) {
                    throw invalid(key, raw, where);
                }
                ints.add(i);
            } catch (NumberFormatException e) {
                throw invalid(key, raw, where);
            }
        }
        return List.copyOf(ints);
    }

    static UsageException invalid(ConfigKey key, String raw, String where) {
        return new UsageException("config key " + key.name() + " given invalid value '" + raw.trim() + "' ("
                + where + "); allowed: " + key.allowed());
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** A value as HOCON text: strings quoted, lists bracketed. */
    static String show(Object v) {
        if (v instanceof String) {
            return "\"" + ((String) v).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (v instanceof List) {
            return ((List<?>) v).stream().map(ConfigValues::show).collect(Collectors.joining(", ", "[", "]"));
        }
        if (v instanceof Double) {
            return io.sparkact.params.Param.format((Double) v);
        }
        return String.valueOf(v);
    }
}
