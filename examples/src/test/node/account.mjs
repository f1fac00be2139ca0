// Account maintenance with the real @skygear/node-client: updateMetadata, e-mail verification
// (requestEmailVerification + verifyWithCode with the code from the mail), the phone verification
// request, and forgot password (requestForgotPasswordEmail + resetPassword with the code of the mailed
// link).
//
//   SKYGEAR_ENDPOINT=… SKYGEAR_API_KEY=… SKYGEAR_TEST_HELPER=… node account.mjs
//
// Output as lib.mjs describes; NodeClientCompatTest runs it.
import {
  check, checkEqual, expectSkygearError, linkIn, main, newContainer, nextMail, run, step,
} from "./lib.mjs";

const email = `account-${run}@example.com`;
const phone = `+8526${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
const username = `account_${run}`;
const password = `account-Passw0rd-${run}`;
const newPassword = `account-N3w-Passw0rd-${run}`;

main(async () => {
  const app = await newContainer();
  let userId;
  let verificationCode;
  let reset;

  await step("signup", async () => {
    const user = await app.auth.signup([{ email }, { phone }, { username }], password);
    userId = user.id;
    checkEqual(user.isVerified, false, "signup: is_verified");
    checkEqual([app.auth.currentIdentity.loginIDKey, app.auth.currentIdentity.loginID], ["email", email],
      "signup: the session's identity is the first login ID");
    return `user ${userId} with ${email}, ${phone} and ${username}`;
  });

  await step("update_metadata", async () => {
    const metadata = { plan: "pro", tags: ["x"], nested: { n: 1 } };
    const user = await app.auth.updateMetadata(metadata);
    checkEqual(user.id, userId, "update_metadata: user.id");
    checkEqual(user.metadata, metadata, "update_metadata: user.metadata");
    checkEqual(app.auth.currentUser.metadata, metadata, "currentUser.metadata after update_metadata");
    checkEqual((await app.auth.me()).metadata, metadata, "me: metadata");
    const replaced = await app.auth.updateMetadata({ plan: "free" });
    checkEqual(replaced.metadata, { plan: "free" }, "a second update_metadata replaces the whole object");
    return "metadata replaced twice";
  });

  await step("verify_request_email", async () => {
    await app.auth.requestEmailVerification(email);
    const mail = await nextMail(email);
    checkEqual(mail.subject, "Verify your compat e-mail", "verification mail subject");
    const link = linkIn(mail.text, "/_auth/verify_code_form");
    checkEqual(link.searchParams.get("user_id"), userId, "verification link: user_id");
    verificationCode = link.searchParams.get("code");
    check(/^[0-9A-Z]{8}$/.test(verificationCode), `verification link: code ${verificationCode}`);
    check(mail.text.includes(`is ${verificationCode}.`), "the mail does not show the code");
    await expectSkygearError(app.auth.requestEmailVerification(`someone-else-${run}@example.com`), "ValidationFailed",
      "requestEmailVerification of an address the user does not have");
    return "code mailed";
  });

  await step("verify_code", async () => {
    await expectSkygearError(app.auth.verifyWithCode("ZZZZZZZZ"), "UserVerificationFailed", "verifyWithCode with a wrong code");
    await app.auth.verifyWithCode(verificationCode.toLowerCase());
    const user = await app.auth.me();
    checkEqual(user.isVerified, true, "me after verifyWithCode: is_verified");
    await expectSkygearError(app.auth.verifyWithCode(verificationCode), "UserVerificationFailed", "verifyWithCode with the used code");
    return "verified (code typed in lower case)";
  });

  await step("verify_request_phone", async () => {
    // The example app has no SMS provider, so the code cannot be read back; this checks the request only.
    await app.auth.requestPhoneVerification(phone);
    return "accepted (no SMS provider: the code is not delivered)";
  });

  await step("forgot_password", async () => {
    await app.auth.logout();
    await expectSkygearError(app.auth.requestForgotPasswordEmail(`nobody-${run}@example.com`), "UserNotFound",
      "requestForgotPasswordEmail of an unknown address");
    await app.auth.requestForgotPasswordEmail(email.toUpperCase());
    const mail = await nextMail(email);
    checkEqual(mail.subject, "Reset your compat password", "reset mail subject");
    const link = linkIn(mail.text, "/_auth/forgot_password/reset_password_form");
    reset = {
      userID: link.searchParams.get("user_id"),
      code: link.searchParams.get("code"),
      expireAt: Number(link.searchParams.get("expire_at")),
    };
    checkEqual(reset.userID, userId, "reset link: user_id");
    check(/^[0-9a-f]{8}$/.test(reset.code), `reset link: code ${reset.code}`);
    check(reset.expireAt * 1000 > Date.now(), `reset link: expire_at ${reset.expireAt} is not in the future`);
    return `reset link until ${new Date(reset.expireAt * 1000).toISOString()}`;
  });

  await step("reset_password", async () => {
    await expectSkygearError(app.auth.resetPassword({ ...reset, code: "00000000", newPassword }), "PasswordResetFailed",
      "resetPassword with a wrong code");
    await app.auth.resetPassword({ ...reset, newPassword });
    await expectSkygearError(app.auth.login(email, password), "InvalidCredentials", "login with the old password");
    checkEqual((await app.auth.login(email, newPassword)).id, userId, "login with the new password: user.id");
    const byUsername = await newContainer();
    checkEqual((await byUsername.auth.login(username, newPassword, { loginIDKey: "username" })).id, userId,
      "login by username (loginIDKey) with the new password: user.id");
    checkEqual(byUsername.auth.currentIdentity.loginIDKey, "username", "login by username: identity.login_id_key");
    await expectSkygearError(app.auth.resetPassword({ ...reset, newPassword: `${newPassword}-again` }), "PasswordResetFailed",
      "the same reset code again");
    return "password reset; the link worked once";
  });

});
