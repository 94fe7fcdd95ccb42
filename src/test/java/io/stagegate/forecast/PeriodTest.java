package io.stagegate.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PeriodTest {
    @Test
    void readsYearsQuartersAndMonths() {
        assertThat(Period.parse("2026")).isEqualTo(new Period(Period.Unit.YEAR, LocalDate.of(2026, 1, 1)));
        Period q4 = Period.parse("2026-Q4");
        assertThat(q4.start()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(q4.end()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(q4.label()).isEqualTo("2026-Q4");
        assertThat(Period.parse("2026-q1").label()).isEqualTo("2026-Q1");
        Period november = Period.parse("2026-11");
        assertThat(november.end()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(november.label()).isEqualTo("2026-11");
    }

    @Test
    void refusesWhatIsNoPeriod() {
        for (String text : new String[] {"2026-13", "2026-00", "2026-Q5", "26", "2026-11-01", "Q4", "", "2026-1"}) {
            assertThatThrownBy(() -> Period.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-Q4");
        }
    }

    @Test
    void findsThePeriodOfADay() {
        LocalDate day = LocalDate.of(2026, 8, 31);
        assertThat(Period.containing(Period.Unit.QUARTER, day).label()).isEqualTo("2026-Q3");
        assertThat(Period.containing(Period.Unit.MONTH, day).label()).isEqualTo("2026-08");
        assertThat(Period.containing(Period.Unit.YEAR, day).label()).isEqualTo("2026");
        assertThat(Period.containing(Period.Unit.QUARTER, day).contains(LocalDate.of(2026, 10, 1))).isFalse();
        assertThat(Period.containing(Period.Unit.QUARTER, day).next().label()).isEqualTo("2026-Q4");
    }
}
