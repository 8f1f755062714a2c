package dev.cape.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.Fixtures;
import org.junit.jupiter.api.Test;

class ModelDtypeTest {

    @Test
    void unknownNamesAreRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelDtype.parse("int8"));
        assertTrue(e.getMessage().contains("int8") && e.getMessage().contains("float16"), e.getMessage());
    }

    @Test
    void bfloat16IsRefusedBeforeAnyTensorIsMadeSayingWhyAndWhatToUse() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelDtype.BFLOAT16.resolve(true, DType.BF16));
        assertTrue(e.getMessage().contains("DJL") && e.getMessage().contains("--dtype float16"), e.getMessage());
        // also through the loader, on a BF16 checkpoint, without reaching DJL's bfloat16 (which would end the JVM);
        // the fixture is looked up outside assertThrows, so that without ../shared the test skips instead of failing
        java.nio.file.Path bf16 = Fixtures.model("llama-bf16");
        assertThrows(IllegalArgumentException.class, () -> LanguageModel.load(bf16, "cpu", ModelDtype.BFLOAT16));
    }

    @Test
    void namesParseCaseInsensitivelyWithTheirShortForms() {
        assertEquals(ModelDtype.AUTO, ModelDtype.parse(null));
        assertEquals(ModelDtype.AUTO, ModelDtype.parse("Auto"));
        assertEquals(ModelDtype.FLOAT32, ModelDtype.parse("f32"));
        assertEquals(ModelDtype.FLOAT16, ModelDtype.parse("FP16"));
        assertEquals(ModelDtype.FLOAT16, ModelDtype.parse("half"));
        assertEquals(ModelDtype.BFLOAT16, ModelDtype.parse("bf16"));
    }

    @Test
    void autoIsFloat32OnTheCpuAndFloat16OnAGpuWhateverTheCheckpoint() {
        for (DType stored : DType.values()) {
            assertEquals(ModelDtype.FLOAT32, ModelDtype.AUTO.resolve(false, stored));
            assertEquals(ModelDtype.FLOAT16, ModelDtype.AUTO.resolve(true, stored));
        }
        assertEquals(ModelDtype.FLOAT16, ModelDtype.FLOAT16.resolve(false, DType.F32));
        assertEquals(ModelDtype.FLOAT32, ModelDtype.FLOAT32.resolve(true, DType.F16));
    }
}
