package io.skygear.auth.messaging;

import static io.skygear.auth.messaging.MessagingFixture.APP;
import static io.skygear.auth.messaging.MessagingFixture.key;
import static io.skygear.auth.messaging.MessagingFixture.link;
import static io.skygear.auth.messaging.MessagingFixture.text;
import static io.skygear.auth.messaging.MessagingFixture.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.testing.Chromium;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reset-password form in a real browser (headless Chromium): the link from the e-mail opens the
 * form, a mistyped confirmation shows it again with the error, then the new password is set.
 */
class ResetPasswordBrowserTest {

    static MessagingFixture fx;
    static Chromium browser;

    @BeforeAll
    static void start() {
        fx = MessagingFixture.start();
        browser = Chromium.launch();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        fx.close();
    }

    @Test
    void aUserResetsThePasswordInTheBrowser() {
        String email = uniqueEmail("browser");
        fx.signup(APP, Map.of("email", email));
        fx.post("/_auth/forgot_password", "{\"email\":\"" + email + "\"}", key(APP));
        String link = link(text(fx.mailsTo(email, "Reset password instruction", 1).getFirst()),
                "/_auth/forgot_password/reset_password_form");

        browser.open(link);
        assertThat(browser.text()).contains("Reset password");
        browser.fill("#password", "browser-pw-1");
        browser.fill("#confirm", "browser-pw-2");
        browser.clickAndWait("#submit");
        assertThat(browser.text()).contains("password does not match");

        browser.fill("#password", "browser-pw-1");
        browser.fill("#confirm", "browser-pw-1");
        browser.clickAndWait("#submit");

        assertThat(browser.text()).contains("Your password has been reset.");
        assertThat(browser.currentUrl()).endsWith("/_auth/forgot_password/reset_password_form");
        assertThat(fx.post("/_auth/login", "{\"login_id\":\"" + email + "\",\"password\":\"browser-pw-1\"}", key(APP)).status())
                .isEqualTo(200);

        // the used link now shows the error page
        browser.open(link);
        assertThat(browser.text()).contains("The password could not be reset.").contains("invalid reset code");
    }
}
