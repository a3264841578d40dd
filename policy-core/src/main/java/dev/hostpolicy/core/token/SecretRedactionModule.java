package dev.hostpolicy.core.token;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.hostpolicy.api.Secret;
import java.io.IOException;

/**
 * A Jackson module that writes every {@link Secret} — as a value or as a map key — as
 * {@code "[redacted]"}. Registered for {@link com.fasterxml.jackson.databind.ObjectMapper#findAndRegisterModules()}
 * through {@code META-INF/services} and {@code module-info}, or register it explicitly.
 *
 * <p>Even without this module Jackson cannot print a secret: {@code Secret} has no getter that
 * returns its bytes, so a plain mapper writes {@code {"destroyed":false}}. The module makes the
 * output explicit and stable.
 *
 * <pre>{@code
 * ObjectMapper json = new ObjectMapper().registerModule(new SecretRedactionModule());
 * json.writeValueAsString(Map.of("token", token));   // {"token":"[redacted]"}
 * }</pre>
 */
public final class SecretRedactionModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  /** Creates the module (also used by {@link java.util.ServiceLoader}). */
  public SecretRedactionModule() {
    super("hostpolicy-secret-redaction");
    addSerializer(Secret.class, new RedactingSerializer());
    addKeySerializer(Secret.class, new RedactingKeySerializer());
  }

  private static final class RedactingSerializer extends StdSerializer<Secret> {
    private static final long serialVersionUID = 1L;

    RedactingSerializer() {
      super(Secret.class);
    }

    @Override
    public void serialize(Secret value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(Secret.REDACTED);
    }
  }

  private static final class RedactingKeySerializer extends JsonSerializer<Secret> {
    @Override
    public void serialize(Secret value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeFieldName(Secret.REDACTED);
    }
  }
}
