// Custom-token login with the real @skygear/node-client: the script signs HS256 JWTs the way an app's
// backend would (claims as docs/auth-sso.md: iss, aud, sub, iat, exp, email) and logs in with
// loginWithCustomToken; a second login finds the same user; a bad signature or an expired token is
// 401 SSOFailed; an e-mail address a password user has is 409 unless the login asks to merge.
//
//   SKYGEAR_ENDPOINT=… SKYGEAR_API_KEY=… SKYGEAR_CUSTOM_TOKEN_SECRET=… node custom_token.mjs
//
// Output as lib.mjs describes; NodeClientCompatTest runs it.
import { createHmac } from "node:crypto";
import {
  check, checkEqual, expectSkygearError, main, newContainer, requiredEnv, run, step,
} from "./lib.mjs";

const secret = requiredEnv("SKYGEAR_CUSTOM_TOKEN_SECRET");
const issuer = requiredEnv("SKYGEAR_CUSTOM_TOKEN_ISSUER");
const audience = requiredEnv("SKYGEAR_CUSTOM_TOKEN_AUDIENCE");
const subject = `backend-user-${run}`;
const email = `custom-${run}@example.com`;

function base64url(data) {
  return Buffer.from(data).toString("base64url");
}

/** An HS256 JWT with the standard claims for `sub`, valid for five minutes unless `claims` say otherwise. */
function sign(sub, claims = {}, key = secret) {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = base64url(JSON.stringify({ iss: issuer, aud: audience, sub, iat: now, exp: now + 300, ...claims }));
  const signature = createHmac("sha256", key).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

function checkCustomTokenIdentity(identity, sub, claimsEmail, what) {
  check(identity != null, `${what}: no identity in the response`);
  checkEqual(identity.type, "custom_token", `${what}: identity.type`);
  checkEqual(identity.providerUserID, sub, `${what}: identity.provider_user_id`);
  checkEqual(identity.rawProfile.sub, sub, `${what}: identity.raw_profile.sub`);
  checkEqual(identity.rawProfile.iss, issuer, `${what}: identity.raw_profile.iss`);
  checkEqual(identity.claims, claimsEmail === undefined ? {} : { email: claimsEmail }, `${what}: identity.claims`);
}

main(async () => {
  const app = await newContainer();
  let userId;

  await step("first_login", async () => {
    const user = await app.auth.loginWithCustomToken(sign(subject, { email }));
    userId = user.id;
    checkCustomTokenIdentity(app.auth.currentIdentity, subject, email, "first login");
    check(typeof app.auth.currentSessionID === "string", "first login: no session");
    checkEqual((await app.auth.me()).id, userId, "me after the custom-token login");
    return `new user ${userId}`;
  });

  await step("second_login_same_user", async () => {
    const again = await newContainer();
    const user = await again.auth.loginWithCustomToken(sign(subject, { email, name: "Renamed" }));
    checkEqual(user.id, userId, "second login: user.id");
    checkEqual(again.auth.currentIdentity.id, app.auth.currentIdentity.id, "second login: identity.id");
    checkEqual(again.auth.currentIdentity.rawProfile.name, "Renamed", "second login: the stored profile is updated");
    check(again.auth.currentSessionID !== app.auth.currentSessionID, "second login: expected a new session");
    return `same user ${user.id}, new session`;
  });

  await step("bad_signature_refused", async () => {
    const other = await newContainer();
    const e = await expectSkygearError(other.auth.loginWithCustomToken(sign(subject, { email }, "not-the-secret")),
      "SSOFailed", "a token signed with another secret");
    checkEqual(e.name, "Unauthorized", "bad signature: error name");
    const [header, payload] = sign(subject).split(".");
    await expectSkygearError(other.auth.loginWithCustomToken(`${header}.${payload}.`), "SSOFailed", "an unsigned token");
    checkEqual(other.auth.currentUser, null, "no user after a refused token");
    return "401 SSOFailed";
  });

  await step("expired_token_refused", async () => {
    const other = await newContainer();
    const longAgo = Math.floor(Date.now() / 1000) - 3600;
    await expectSkygearError(other.auth.loginWithCustomToken(sign(subject, { iat: longAgo - 300, exp: longAgo })),
      "SSOFailed", "an expired token");
    await expectSkygearError(other.auth.loginWithCustomToken(sign(subject, { iss: "someone-else" })),
      "SSOFailed", "a token of another issuer");
    return "401 SSOFailed";
  });

  await step("duplicate_email_merge", async () => {
    const shared = `custom-shared-${run}@example.com`;
    const password = await newContainer();
    const owner = await password.auth.signupWithEmail(shared, `custom-Passw0rd-${run}`);
    const other = await newContainer();
    const token = sign(`backend-shared-${run}`, { email: shared });
    await expectSkygearError(other.auth.loginWithCustomToken(token), "LoginIDAlreadyUsed",
      "a token whose e-mail a password user has (on_user_duplicate abort)");
    const merged = await other.auth.loginWithCustomToken(token, { onUserDuplicate: "merge" });
    checkEqual(merged.id, owner.id, "merge: user.id");
    checkCustomTokenIdentity(other.auth.currentIdentity, `backend-shared-${run}`, shared, "merge");
    return `merged into password user ${owner.id}`;
  });
});
