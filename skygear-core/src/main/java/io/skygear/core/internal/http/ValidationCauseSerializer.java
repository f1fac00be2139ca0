package io.skygear.core.internal.http;

import io.skygear.core.error.ValidationCause;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/** Writes a cause as {@code {kind, message, pointer, details?}}, the original's field order. */
final class ValidationCauseSerializer extends StdSerializer<ValidationCause> {

    ValidationCauseSerializer() {
        super(ValidationCause.class);
    }

    @Override
    public void serialize(ValidationCause cause, JsonGenerator gen, SerializationContext ctx) {
        gen.writeStartObject();
        gen.writeStringProperty("kind", cause.kind());
        gen.writeStringProperty("message", cause.message());
        gen.writeStringProperty("pointer", cause.pointer());
        if (!cause.details().isEmpty()) {
            gen.writeName("details");
            ctx.writeValue(gen, cause.details());
        }
        gen.writeEndObject();
    }
}
