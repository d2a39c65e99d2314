package io.inkwire.monclient;

import java.nio.charset.StandardCharsets;

/**
 * A monitor's answer to a command ({@code MMonCommandAck}): the return code (0 or a negative errno),
 * the status string and the output buffer.
 */
public record MonCommandResult(int r, String rs, byte[] output) {

    public boolean ok() {
        return r >= 0;
    }

    public String outputText() {
        return new String(output, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "MonCommandResult{r=" + r + ", rs='" + rs + "', output=" + output.length + " bytes}";
    }
}
