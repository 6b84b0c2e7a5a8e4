package io.sparkact.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The gate at and around its boundaries. Every number is a dyadic fraction (k / 2^m), so champion − tolerance
 * and champion + tolerance are exact in binary floating point and "at the boundary" means exactly equal:
 * champion AUC 0.75, tolerance 0.0625 → limit 0.6875; champion logloss 0.5, tolerance 0.03125 → limit 0.53125;
 * calibration range [0.875, 1.125].
 */
class GateTest {

    private static final GateSpec GATE = new GateSpec(0.0625, 0.03125, 0.875, 1.125);
    private static final Gate.Metrics CHAMPION = new Gate.Metrics(0.75, 0.5, 1.0);

    static Stream<Arguments> cases() {
        return Stream.of(
                // auc, logloss, calibration of the challenger → promoted?, failed checks
                Arguments.of(0.75, 0.5, 1.0, true, List.of()),
                Arguments.of(0.6875, 0.5, 1.0, true, List.of()),                    // auc exactly at the limit
                Arguments.of(0.6875 - 0x1p-20, 0.5, 1.0, false, List.of("auc")),   // just below it
                Arguments.of(0.75, 0.53125, 1.0, true, List.of()),                  // logloss exactly at the limit
                Arguments.of(0.75, 0.53125 + 0x1p-20, 1.0, false, List.of("logloss")),
                Arguments.of(0.75, 0.5, 0.875, true, List.of()),                    // calibration at both ends
                Arguments.of(0.75, 0.5, 1.125, true, List.of()),
                Arguments.of(0.75, 0.5, 0.875 - 0x1p-20, false, List.of("calibration")),
                Arguments.of(0.75, 0.5, 1.125 + 0x1p-20, false, List.of("calibration")),
                Arguments.of(0.5, 0.75, 2.0, false, List.of("auc", "logloss", "calibration")),
                Arguments.of(Double.NaN, 0.5, 1.0, false, List.of("auc")));          // an AUC that could not be computed
    }

    @ParameterizedTest
    @MethodSource("cases")
    void againstAChampion(double auc, double logloss, double cal, boolean promote, List<String> failed) {
        Gate.Decision d = Gate.decide(GATE, new Gate.Metrics(auc, logloss, cal), CHAMPION);
        assertEquals(promote, d.promote());
        assertEquals(failed, d.checks().stream().filter(c -> !c.passed()).map(Gate.Check::name).toList());
        assertEquals(List.of("auc", "logloss", "calibration"), d.checks().stream().map(Gate.Check::name).toList());
    }

    @Test
    void withoutAChampionOnlyCalibrationCounts() {
        Gate.Decision ok = Gate.decide(GATE, new Gate.Metrics(0.5, 9.0, 1.0), null);
        assertEquals(true, ok.promote());
        assertEquals(List.of("calibration"), ok.checks().stream().map(Gate.Check::name).toList());
        assertEquals(false, Gate.decide(GATE, new Gate.Metrics(0.9, 0.1, 0.5), null).promote());
    }

    @Test
    void theReasonListsFailedChecksFirst() {
        Gate.Decision d = Gate.decide(GATE, new Gate.Metrics(0.75, 0.625, 1.0), CHAMPION);
        assertEquals("reject: FAILED logloss 0.62500 <= champion 0.50000 + 0.03125; auc 0.75000 >= champion 0.75000 "
                + "- 0.0625; calibration 1.0000 in [0.875, 1.125]", d.reason());
    }

    @Test
    void invalidTolerancesNameTheKey() {
        assertEquals("gate.auc_tolerance given invalid value -0.1; allowed: 0 <= gate.auc_tolerance <= 1",
                assertThrows(IllegalArgumentException.class, () -> new GateSpec(-0.1, 0, 0.9, 1.1)).getMessage());
        assertEquals("gate.logloss_tolerance given invalid value NaN; allowed: a finite number >= 0",
                assertThrows(IllegalArgumentException.class, () -> new GateSpec(0, Double.NaN, 0.9, 1.1)).getMessage());
        assertEquals("gate.calibration_range given invalid value [1.2, 1.5]; allowed: [low, high] with 0 < low <= 1 <= high",
                assertThrows(IllegalArgumentException.class, () -> new GateSpec(0, 0, 1.2, 1.5)).getMessage());
    }
}
