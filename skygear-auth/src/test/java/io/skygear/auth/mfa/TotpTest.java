package io.skygear.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.skygear.auth.internal.mfa.totp.Base32;
import io.skygear.auth.internal.mfa.totp.QrCode;
import io.skygear.auth.internal.mfa.totp.Totp;
import io.skygear.auth.internal.mfa.totp.TotpKeyUri;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TOTP (RFC 6238, SHA-1): the RFC's vectors, the reference's vector, skew, key URI and QR code. */
class TotpTest {

    /** RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890". */
    static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    /** The reference's vector (§12, 22). */
    static final String REFERENCE_SECRET = "GJQFQHET4FX7U5EWSXU36MM36X46TJ7E";
    static final Instant REFERENCE_TIME = Instant.parse("2019-06-01T00:00:00Z");

    @ParameterizedTest(name = "T = {0} s → {1}")
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    void rfc6238AppendixBSha1VectorsPass(long seconds, String expected) {
        assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(seconds)), 8)).isEqualTo(expected);
    }

    @Test
    void rfcSeedInBase32GivesTheSixDigitTailOfTheRfcCode() {
        String secret = Base32.encode(RFC_SEED);

        assertThat(secret).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.code(secret, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
    }

    @Test
    void referenceVectorPasses() {
        assertThat(Totp.code(REFERENCE_SECRET, REFERENCE_TIME)).isEqualTo("833848");
        assertThat(Totp.code(REFERENCE_SECRET, REFERENCE_TIME.minusSeconds(30))).isEqualTo("817861");
        assertThat(Totp.code(REFERENCE_SECRET, REFERENCE_TIME.plusSeconds(30))).isEqualTo("503766");
    }

    @Test
    void codesOfOneStepEitherSideAreAcceptedAndReportTheirStep() {
        long step = Totp.step(REFERENCE_TIME);

        assertThat(Totp.match(REFERENCE_SECRET, "833848", REFERENCE_TIME)).isEqualTo(OptionalLong.of(step));
        assertThat(Totp.match(REFERENCE_SECRET, "817861", REFERENCE_TIME)).isEqualTo(OptionalLong.of(step - 1));
        assertThat(Totp.match(REFERENCE_SECRET, "503766", REFERENCE_TIME)).isEqualTo(OptionalLong.of(step + 1));
    }

    @Test
    void codesTwoStepsAwayOrWrongOrMalformedAreRefused() {
        assertThat(Totp.match(REFERENCE_SECRET, "833848", REFERENCE_TIME.plusSeconds(60))).isEmpty();
        assertThat(Totp.match(REFERENCE_SECRET, "833848", REFERENCE_TIME.minusSeconds(60))).isEmpty();
        assertThat(Totp.match(REFERENCE_SECRET, "000000", REFERENCE_TIME)).isEmpty();
        assertThat(Totp.match(REFERENCE_SECRET, "", REFERENCE_TIME)).isEmpty();
        assertThat(Totp.match(REFERENCE_SECRET, "8338480", REFERENCE_TIME)).isEmpty();
        assertThat(Totp.match("not base32!", "833848", REFERENCE_TIME)).isEmpty();
    }

    @Test
    void newSecretsAre32Base32CharactersOf20RandomBytes() {
        String secret = Totp.newSecret();

        assertThat(secret).hasSize(32).matches("[A-Z2-7]{32}");
        assertThat(Base32.decode(secret)).hasSize(20);
        assertThat(Totp.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void keyUriCarriesIssuerAndAccountEscaped() {
        assertThat(TotpKeyUri.of(REFERENCE_SECRET, "john doe@example.com", Optional.of("My App")))
                .isEqualTo("otpauth://totp/My%20App:john%20doe%40example.com?secret=" + REFERENCE_SECRET
                        + "&issuer=My%20App");
        assertThat(TotpKeyUri.of(REFERENCE_SECRET, "john", Optional.empty()))
                .isEqualTo("otpauth://totp/john?secret=" + REFERENCE_SECRET);
    }

    @Test
    void qrCodeIsA512PixelPngThatDecodesToTheUri() throws Exception {
        String uri = TotpKeyUri.of(REFERENCE_SECRET, "john", Optional.of("Skygear"));

        String dataUri = QrCode.pngDataUri(uri);

        assertThat(dataUri).startsWith("data:image/png;base64,");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(dataUri.substring("data:image/png;base64,".length()))));
        assertThat(image.getWidth()).isEqualTo(QrCode.SIZE);
        assertThat(image.getHeight()).isEqualTo(QrCode.SIZE);
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
        assertThat(decoded).isEqualTo(uri);
    }
}
