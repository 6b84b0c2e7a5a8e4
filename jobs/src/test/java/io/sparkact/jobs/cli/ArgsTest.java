package io.sparkact.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {

    private static final Set<String> OPTS = Set.of("x", "from", "set", "name", "points");

    @Test
    void valuesMayStartWithADash() {
        Args a = Args.parse(List.of("table", "--x", "-3,0,3", "--from=-8"), OPTS);
        assertEquals(List.of("table"), a.positional());
        assertEquals("-3,0,3", a.get("x", null));
        assertEquals(-8.0, a.getDouble("from", 0), 0.0);
    }

    @Test
    void repeatedSetsKeepOrderAndLastWins() {
        Args a = Args.parse(List.of("--set", "a=1", "--set", "b = 2", "--set", "a=3"), OPTS);
        assertEquals(Map.of("a", "3", "b", "2"), a.sets());
        assertEquals(List.of("a=1", "b = 2", "a=3"), a.all("set"));
    }

    @Test
    void unknownOptionListsTheValidOnes() {
        UsageException e = assertThrows(UsageException.class, () -> Args.parse(List.of("--nme", "relu"), OPTS));
        assertEquals("unknown option --nme; valid options: --from, --name, --points, --set, --x", e.getMessage());
    }

    @Test
    void optionWithoutValue() {
        UsageException e = assertThrows(UsageException.class, () -> Args.parse(List.of("--name"), OPTS));
        assertEquals("option --name needs a value", e.getMessage());
    }

    @Test
    void badNumbersNameOptionValueAndRange() {
        Args a = Args.parse(List.of("--from", "abc", "--points", "1"), OPTS);
        assertEquals("option --from given invalid value 'abc'; allowed: a finite number",
                assertThrows(UsageException.class, () -> a.getDouble("from", 0)).getMessage());
        assertEquals("option --points given invalid value '1'; allowed: an integer from 2 to 1000000",
                assertThrows(UsageException.class, () -> a.getLong("points", 161, 2, 1_000_000)).getMessage());
    }

    @Test
    void setWithoutEquals() {
        Args a = Args.parse(List.of("--set", "mean"), OPTS);
        assertEquals("option --set given invalid value 'mean'; allowed: key=value",
                assertThrows(UsageException.class, () -> a.sets()).getMessage());
    }

    @Test
    void helpFlag() {
        assertTrue(Args.parse(List.of("--help"), OPTS).help());
    }
}
