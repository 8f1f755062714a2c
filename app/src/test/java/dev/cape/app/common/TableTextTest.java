package dev.cape.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tables as spreadsheet text: quoting, missing values and full-precision numbers. */
class TableTextTest {

    @Test
    void csvQuotesCommasQuotesAndLineBreaksAsRfc4180Says() {
        String csv = TableText.of(List.of("model", "note"), List.of(
                List.of("a,b", "say \"hi\""), List.of("plain", "two\nlines")), TableText.Format.CSV);
        assertEquals("model,note\r\n\"a,b\",\"say \"\"hi\"\"\"\r\nplain,\"two\nlines\"\r\n", csv);
    }

    @Test
    void tsvKeepsOneLinePerRowAndMissingValuesAreEmpty() {
        String tsv = TableText.of(List.of("x", "y", "z"), List.of(Arrays.asList(0.1 + 0.2, Double.NaN, null),
                Arrays.asList("a\tb", 3, Float.NaN)), TableText.Format.TSV);
        assertEquals("x\ty\tz\n0.30000000000000004\t\t\na b\t3\t\n", tsv);
    }
}
