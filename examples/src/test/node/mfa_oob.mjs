// MFA by e-mail (OOB) with the real @skygear/node-client: createNewOOB/activateOOB with the mailed code,
// getAuthenticators, listRecoveryCode/regenerateRecoveryCode, the MFA login step with triggerOOB +
// authenticateWithOOB, MFA on a logged-in session, the trusted-device bearer token and revokeAllBearerToken.
//
//   SKYGEAR_ENDPOINT=… SKYGEAR_API_KEY=… SKYGEAR_TEST_HELPER=… node mfa_oob.mjs
//
// The tenant allows one OOB e-mail authenticator and lists recovery codes (recovery_code.list_enabled).
// Output as lib.mjs describes; NodeClientCompatTest runs it.
import { SkygearError, isMFARequiredError } from "@skygear/node-client";
import {
  check, checkDate, checkEqual, expectError, expectSkygearError, main, newContainer, nextMail, postJson, run, step,
  tokens,
} from "./lib.mjs";

const email = `oob-${run}@example.com`;
const password = `oob-Passw0rd-${run}`;

/** The six-digit code of the next MFA mail to `to`. */
async function mailedCode(to = email) {
  const mail = await nextMail(to);
  const match = /Your MFA code is: (\d{6})/.exec(mail.text);
  check(match !== null, `no MFA code in the mail: ${mail.text}`);
  return match[1];
}

main(async () => {
  const app = await newContainer();
  let userId;
  let authenticatorId;
  let recoveryCodes;

  await step("signup", async () => {
    userId = (await app.auth.signupWithEmail(email, password)).id;
    return `user ${userId} (no authenticator yet: no MFA step)`;
  });

  await step("oob_new", async () => {
    const result = await app.auth.mfa.createNewOOB({ channel: "email", email });
    checkEqual(result.authenticatorType, "oob", "createNewOOB: authenticatorType");
    checkEqual(result.channel, "email", "createNewOOB: channel");
    check(typeof result.authenticatorID === "string" && result.authenticatorID.length > 0, "createNewOOB: no authenticatorID");
    authenticatorId = result.authenticatorID;
    checkEqual(await app.auth.mfa.getAuthenticators(), [], "authenticators before activation");
    return `authenticator ${authenticatorId}, code mailed`;
  });

  await step("oob_activate", async () => {
    const code = await mailedCode();
    await expectSkygearError(app.auth.mfa.activateOOB(code === "000000" ? "111111" : "000000"), "InvalidMFARequest",
      "activateOOB with a wrong code");
    const result = await app.auth.mfa.activateOOB(code);
    check(Array.isArray(result.recoveryCodes) && result.recoveryCodes.length === 16,
      `activateOOB: recoveryCodes ${JSON.stringify(result.recoveryCodes)}`);
    recoveryCodes = result.recoveryCodes;
    return `${recoveryCodes.length} recovery codes`;
  });

  await step("get_authenticators", async () => {
    const authenticators = await app.auth.mfa.getAuthenticators();
    checkEqual(authenticators.length, 1, "number of authenticators");
    const [oob] = authenticators;
    checkEqual([oob.id, oob.type, oob.channel], [authenticatorId, "oob", "email"], "authenticator id, type, channel");
    checkDate(oob.createdAt, "authenticator created_at");
    checkDate(oob.activatedAt, "authenticator activated_at");
    check(typeof oob.maskedEmail === "string" && oob.maskedEmail.includes("*") && oob.maskedEmail.endsWith("@example.com")
      && !oob.maskedEmail.includes(email.split("@")[0]), `masked_email ${oob.maskedEmail}`);
    return `oob email ${oob.maskedEmail}`;
  });

  await step("list_recovery_code", async () => {
    const listed = await app.auth.mfa.listRecoveryCode();
    checkEqual([...listed].sort(), [...recoveryCodes].sort(), "listRecoveryCode");
    return `${listed.length} codes, as activation returned`;
  });

  await step("regenerate_recovery_code", async () => {
    const fresh = await app.auth.mfa.regenerateRecoveryCode();
    checkEqual(fresh.length, 16, "regenerateRecoveryCode: count");
    check(fresh.every((c) => !recoveryCodes.includes(c)), "regenerateRecoveryCode returned an old code");
    checkEqual([...(await app.auth.mfa.listRecoveryCode())].sort(), [...fresh].sort(), "listRecoveryCode after regenerating");
    recoveryCodes = fresh;
    return "16 new codes replace the old ones";
  });

  await step("login_requires_mfa", async () => {
    await app.auth.logout();
    const e = await expectError(app.auth.login(email, password), isMFARequiredError, "login");
    checkEqual(e.info.step, "mfa", "MFA-required error: info.step");
    checkEqual(app.auth.currentUser, null, "a user is logged in before the MFA step");
    // the MFA calls now go with the authentication session token
    checkEqual((await app.auth.mfa.getAuthenticators()).map((a) => a.id), [authenticatorId],
      "getAuthenticators in the MFA step");
    return "401 AuthenticationSession, step mfa";
  });

  await step("oob_authenticate", async () => {
    await app.auth.mfa.triggerOOB(authenticatorId);
    const code = await mailedCode();
    await expectError(app.auth.mfa.authenticateWithOOB({ code: code === "000000" ? "111111" : "000000" }),
      (e) => e instanceof SkygearError && e.reason === "InvalidMFACode", "authenticateWithOOB with a wrong code");
    const user = await app.auth.mfa.authenticateWithOOB({ code, skipMFAForCurrentDevice: true });
    checkEqual(user.id, userId, "authenticateWithOOB: user.id");
    checkEqual((await app.auth.me()).id, userId, "me after the MFA step");
    const bearer = await app.storage.getMFABearerToken(app.name);
    check(typeof bearer === "string" && bearer.length === 64, "no MFA bearer token stored");
    const session = await app.auth.getSession(app.auth.currentSessionID);
    checkEqual(session.id, app.auth.currentSessionID, "the MFA session");
    return `session ${app.auth.currentSessionID}, device trusted`;
  });

  await step("login_with_trusted_device", async () => {
    await app.auth.logout();
    checkEqual((await app.auth.login(email, password)).id, userId, "login with the bearer token: user.id");
    return "bearer token completed the MFA step";
  });

  await step("revoke_all_bearer_token", async () => {
    await app.apiClient.revokeAllBearerToken();
    await app.auth.logout();
    check(await app.storage.getMFABearerToken(app.name) !== null, "the client dropped the bearer token by itself");
    // the client tries its stored bearer token, gets InvalidMFABearerToken, forgets it and reports the MFA step
    await expectError(app.auth.login(email, password), isMFARequiredError, "login after revokeAllBearerToken");
    checkEqual(await app.storage.getMFABearerToken(app.name), null, "stored bearer token after it was refused");
    const user = await app.auth.mfa.authenticateWithRecoveryCode(recoveryCodes[0]);
    checkEqual(user.id, userId, "authenticateWithRecoveryCode: user.id");
    return "bearer tokens revoked; a regenerated recovery code completed the MFA step";
  });

  await step("delete_authenticator", async () => {
    await app.auth.mfa.deleteAuthenticator(authenticatorId);
    checkEqual(await app.auth.mfa.getAuthenticators(), [], "authenticators after deleting");
    await app.auth.logout();
    checkEqual((await app.auth.login(email, password)).id, userId, "login without an authenticator: user.id");
    return "no authenticator: no MFA step";
  });

  await step("authenticate_on_existing_session", async () => {
    // MFA on a logged-in session (deviation 3): the server rotates the access token and, unlike the
    // original, returns it, so the client stays logged in. Another user: the first one has used up most
    // of its MFA attempts (10 per user per 5 minutes).
    const other = await newContainer();
    const otherEmail = `oob-session-${run}@example.com`;
    const otherId = (await other.auth.signupWithEmail(otherEmail, password)).id;
    await other.auth.mfa.createNewOOB({ channel: "email", email: otherEmail });
    await other.auth.mfa.activateOOB(await mailedCode(otherEmail));
    const before = await tokens(other);
    await other.auth.mfa.triggerOOB();
    const user = await other.auth.mfa.authenticateWithOOB({ code: await mailedCode(otherEmail) });
    checkEqual(user.id, otherId, "authenticateWithOOB on the session: user.id");
    const after = await tokens(other);
    checkEqual(after.session, before.session, "session id after the MFA step on the session");
    check(after.access !== before.access, "the client did not get a new access token");
    checkEqual((await other.auth.me()).id, otherId, "me with the rotated access token");
    const old = await postJson("/_auth/me", {}, { authorization: `Bearer ${before.access}` });
    checkEqual(old.status, 401, "me with the access token from before the MFA step: status");
    return `session ${after.session}, access token rotated`;
  });
});
