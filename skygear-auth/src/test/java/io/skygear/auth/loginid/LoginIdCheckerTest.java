package io.skygear.auth.loginid;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.internal.loginid.LoginId;
import io.skygear.auth.internal.loginid.LoginIdChecker;
import io.skygear.core.config.AuthConfig;
import io.skygear.core.config.AuthenticationSessionConfig;
import io.skygear.core.config.LoginIdKeyConfig;
import io.skygear.core.config.LoginIdType;
import io.skygear.core.error.ValidationCause;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signup and login rules for login IDs, with the original's pointers, kinds, messages and details. */
class LoginIdCheckerTest {

    static final List<LoginIdKeyConfig> DEFAULT_KEYS = List.of(
            new LoginIdKeyConfig("username", LoginIdType.RAW, 0, 1),
            new LoginIdKeyConfig("email", LoginIdType.EMAIL, 0, 1),
            new LoginIdKeyConfig("phone", LoginIdType.PHONE, 0, 1));

    final LoginIdChecker checker = checker(DEFAULT_KEYS);

    @Nested
    class Signup {

        @Test
        void validCombinationsHaveNoCauses() {
            assertThat(checker.validate(List.of(id("username", "johndoe"), id("email", "johndoe@example.com"))))
                    .isEmpty();
            assertThat(checker.validate(List.of(id("username", "johndoe")))).isEmpty();
            assertThat(checker.validate(List.of(id("phone", "+85223456789")))).isEmpty();
        }

        @Test
        void noLoginIdIsRequired() {
            assertThat(checker.validate(List.of()))
                    .containsExactly(new ValidationCause("Required", "/login_ids", "login ID is required"));
        }

        @Test
        void unknownKeyIsNotAllowed() {
            // reference §12 case 3: phone is not configured there
            LoginIdChecker emailAndUsername = checker(DEFAULT_KEYS.subList(0, 2));

            assertThat(emailAndUsername.validate(List.of(id("phone", "202-111-2222"))))
                    .containsExactly(new ValidationCause("General", "/login_ids", "login ID key is not allowed"));
            assertThat(emailAndUsername.validate(List.of(id("nickname", "a"), id("phone", "b"))))
                    .as("reported once").hasSize(1);
        }

        @Test
        void emptyValueIsRequired() {
            assertThat(checker.validate(List.of(id("username", "john"), id("email", ""))))
                    .containsExactly(new ValidationCause("Required", "/login_ids/1/value", "login ID is required"));
        }

        @Test
        void emailAndPhoneFormatsAreChecked() {
            assertThat(checker.validate(List.of(id("email", "202-111-2222"))))
                    .containsExactly(new ValidationCause("StringFormat", "/login_ids/0/value", "invalid login ID format",
                            Map.of("format", "email")));
            assertThat(checker.validate(List.of(id("username", "x"), id("phone", "51234567"))))
                    .containsExactly(new ValidationCause("StringFormat", "/login_ids/1/value", "invalid login ID format",
                            Map.of("format", "phone")));
        }

        @Test
        void sameValueTwiceIsDuplicated() {
            // reference §12 case 2; email format is reported as well
            assertThat(checker.validate(List.of(id("username", "john.doe"), id("email", "john.doe"))))
                    .containsExactlyInAnyOrder(
                            new ValidationCause("General", "/login_ids/1/value", "duplicated login ID"),
                            new ValidationCause("StringFormat", "/login_ids/1/value", "invalid login ID format",
                                    Map.of("format", "email")));
        }

        @Test
        void duplicatesAreComparedFolded() {
            LoginIdChecker twoEmails = checker(List.of(new LoginIdKeyConfig("email", LoginIdType.EMAIL, 0, 2)));

            assertThat(twoEmails.validate(List.of(id("email", "John@Example.com"), id("email", "john@example.COM"))))
                    .containsExactly(new ValidationCause("General", "/login_ids/1/value", "duplicated login ID"));
            assertThat(checker.validate(List.of(id("username", "John"), id("email", "john@example.com"))))
                    .isEmpty();
        }

        @Test
        void tooManyOfOneKey() {
            assertThat(checker.validate(List.of(id("email", "johndoe+1@example.com"), id("email", "johndoe+2@example.com"))))
                    .containsExactly(new ValidationCause("EntryAmount", "/login_ids", "too many login IDs",
                            Map.of("key", "email", "lte", 1)));
        }

        @Test
        void notEnoughOfARequiredKey() {
            LoginIdChecker emailRequired = checker(List.of(
                    new LoginIdKeyConfig("username", LoginIdType.RAW, 0, 1),
                    new LoginIdKeyConfig("email", LoginIdType.EMAIL, 1, 2)));

            assertThat(emailRequired.validate(List.of(id("username", "john"))))
                    .containsExactly(new ValidationCause("EntryAmount", "/login_ids", "not enough login IDs",
                            Map.of("key", "email", "gte", 1)));
        }

        @Test
        void everyViolationIsReported() {
            LoginIdChecker emailRequired = checker(List.of(
                    new LoginIdKeyConfig("username", LoginIdType.RAW, 0, 1),
                    new LoginIdKeyConfig("email", LoginIdType.EMAIL, 1, 1),
                    new LoginIdKeyConfig("phone", LoginIdType.PHONE, 0, 1)));

            assertThat(emailRequired.validate(List.of(
                    id("username", "a"), id("username", "a"), id("phone", "123"), id("fax", "1"))))
                    .containsExactlyInAnyOrder(
                            new ValidationCause("General", "/login_ids/1/value", "duplicated login ID"),
                            new ValidationCause("StringFormat", "/login_ids/2/value", "invalid login ID format",
                                    Map.of("format", "phone")),
                            new ValidationCause("General", "/login_ids", "login ID key is not allowed"),
                            new ValidationCause("EntryAmount", "/login_ids", "too many login IDs",
                                    Map.of("key", "username", "lte", 1)),
                            new ValidationCause("EntryAmount", "/login_ids", "not enough login IDs",
                                    Map.of("key", "email", "gte", 1)));
        }
    }

    @Nested
    class Login {

        @Test
        void withoutKeyAnyValueMayMatch() {
            assertThat(checker.validateOne(Optional.empty(), "202-111-2222")).isEmpty();
            assertThat(checker.validateOne(Optional.empty(), ""))
                    .contains(new ValidationCause("Required", "/login_id", "login ID is required"));
        }

        @Test
        void keyMustBeConfigured() {
            assertThat(checker.validateOne(Optional.of("nickname"), "john"))
                    .contains(new ValidationCause("General", "/login_id", "login ID key is not allowed"));
        }

        @Test
        void valueMustHaveTheKeysFormat() {
            // reference §12 case 7
            assertThat(checker.validateOne(Optional.of("email"), "202-111-2222"))
                    .contains(new ValidationCause("StringFormat", "/login_id", "invalid login ID format",
                            Map.of("format", "email")));
            assertThat(checker.validateOne(Optional.of("phone"), "+852 2345 6789"))
                    .contains(new ValidationCause("StringFormat", "/login_id", "invalid login ID format",
                            Map.of("format", "phone")));
            assertThat(checker.validateOne(Optional.of("email"), "John.Doe@Example.com")).isEmpty();
            assertThat(checker.validateOne(Optional.of("username"), "anything at all")).isEmpty();
        }
    }

    @Nested
    class EmailFormat {

        @ParameterizedTest
        @ValueSource(strings = {
                "john.doe@example.com",
                "John.Doe@Example.COM",
                "a@b",
                "user+tag@sub.example.co.uk",
                "!#$%&'*+-/=?^_`{|}~@example.com",
                "\"john doe\"@example.com",
                "\"a@b\"@example.com",
                "\"quote\\\"inside\"@example.com",
                "用户@例子.广告",
                "ＡＢＣ@Example.COM"})
        void bareAddressesInCanonicalFormPass(String email) {
            assertThat(checker.validateOne(Optional.of("email"), email)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "john",
                "@example.com",
                "john@",
                "John Doe <john@example.com>",
                "<john@example.com>",
                "john@example.com (comment)",
                " john@example.com",
                "john@example.com ",
                "john @example.com",
                "john..doe@example.com",
                ".john@example.com",
                "john.@example.com",
                "john@example..com",
                "john@.example.com",
                "john@example.com.",
                "john@@example.com",
                "john@exa@mple.com",
                "\"john\"@example.com",
                "\"\"@example.com",
                "\"john\\ doe\"@example.com",
                "\"unterminated@example.com",
                "john@[127.0.0.1]",
                "jo,hn@example.com",
                "john@exam ple.com",
                "tab\t@example.com",
                "john@example.com\u0000"})
        void everythingElseIsAnInvalidFormat(String email) {
            assertThat(checker.validateOne(Optional.of("email"), email)).get()
                    .extracting(ValidationCause::kind).isEqualTo("StringFormat");
        }
    }

    @Nested
    class PhoneFormat {

        @ParameterizedTest
        @ValueSource(strings = {"+85223456789", "+14155552671", "+447911123456", "＋８５２２３４５６７８９"})
        void strictE164Passes(String phone) {
            assertThat(checker.validateOne(Optional.of("phone"), phone)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "51234567",
                "85223456789",
                " +85223456789 ",
                "+852 2345 6789",
                "+852-2345-6789",
                "+85222a",
                "+1 (415) 555-2671",
                "+85223456789;ext=1",
                "tel:+85223456789",
                "+",
                "a"})
        void anythingNotWrittenAsE164Fails(String phone) {
            assertThat(checker.validateOne(Optional.of("phone"), phone))
                    .contains(new ValidationCause("StringFormat", "/login_id", "invalid login ID format",
                            Map.of("format", "phone")));
        }
    }

    @Test
    void claimsNameTheTypeOfTheKey() {
        assertThat(checker.claims(id("email", "John@Example.com"))).isEqualTo(Map.of("email", "John@Example.com"));
        assertThat(checker.claims(id("phone", "+85223456789"))).isEqualTo(Map.of("phone", "+85223456789"));
        assertThat(checker.claims(id("username", "john"))).isEmpty();
        assertThat(checker.claims(id("unknown", "john"))).isEmpty();
    }

    @Test
    void lookupFormsFoldByEachCandidateKeysType() {
        assertThat(checker.lookupForms(Optional.empty(), "ＪＯＨＮ@Example.com")).containsExactly(
                Map.entry("username", "JOHN@Example.com"),
                Map.entry("email", "john@example.com"),
                Map.entry("phone", "JOHN@Example.com"));
        assertThat(checker.lookupForms(Optional.of("email"), "John@Example.com"))
                .containsExactly(Map.entry("email", "john@example.com"));
        assertThat(checker.lookupForms(Optional.of("nickname"), "john")).isEmpty();
    }

    @Test
    void typeAndNormalizeFollowTheConfiguredKeys() {
        assertThat(checker.type("email")).contains(LoginIdType.EMAIL);
        assertThat(checker.type("nickname")).isEmpty();
        assertThat(checker.normalize(id("email", "ＡＢＣ@Example.COM"))).isEqualTo("abc@example.com");
        assertThat(checker.normalize(id("username", "ＡＢＣ"))).isEqualTo("ABC");
        assertThat(checker.keys()).extracting(LoginIdKeyConfig::key).containsExactly("username", "email", "phone");
    }

    static LoginIdChecker checker(List<LoginIdKeyConfig> keys) {
        return LoginIdChecker.of(new AuthConfig(new AuthenticationSessionConfig("secret"), keys, false));
    }

    static LoginId id(String key, String value) {
        return new LoginId(key, value);
    }
}
