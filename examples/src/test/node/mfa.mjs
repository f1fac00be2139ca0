// MFA wire-compatibility check: the real @skygear/node-client sets up TOTP and logs in with MFA against a
// running host app whose tenant has MFA enabled (enforcement optional, one TOTP per user).
//
//   SKYGEAR_ENDPOINT=http://localhost:8080 SKYGEAR_API_KEY=demo-api-key node mfa.mjs
//
// TOTP codes are computed here from the secret the server returns (RFC 6238: HMAC-SHA1, 6 digits, 30 s).
// Output as lib.mjs describes; NodeClientCompatTest runs it.
import { createHmac } from "node:crypto";
import { SkygearError, isMFARequiredError } from "@skygear/node-client";
import { check, expectError, main, newContainer, run, step } from "./lib.mjs";

const email = `mfa-${run}@example.com`;
const password = `mfa-Passw0rd-${run}`;

function base32Decode(text) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/=+$/, "").toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The TOTP code of `secret` for the 30-second step `offset` steps from now. */
function totp(secret, offset = 0) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000) + offset));
  const hash = createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const at = hash[hash.length - 1] & 0x0f;
  return String((hash.readUInt32BE(at) & 0x7fffffff) % 1000000).padStart(6, "0");
}

main(async () => {
  const app = await newContainer();
  let userId;
  let secret;
  let recoveryCodes;
  let usedCode;

  await step("signup", async () => {
    const user = await app.auth.signupWithEmail(email, password);
    userId = user.id;
    return `user ${userId} (no authenticator yet: no MFA step)`;
  });

  await step("totp_new", async () => {
    const result = await app.auth.mfa.createNewTOTP({ displayName: "Node", issuer: "Skygear", accountName: email });
    check(result.authenticatorType === "totp", `authenticatorType ${result.authenticatorType}`);
    check(/^[A-Z2-7]{32}$/.test(result.secret), `secret ${result.secret}`);
    check(result.otpauthURI.startsWith("otpauth://totp/Skygear:") && result.otpauthURI.includes(result.secret),
      `otpauthURI ${result.otpauthURI}`);
    check(result.qrCodeImageURI.startsWith("data:image/png;base64,"), "qrCodeImageURI is not a PNG data URI");
    secret = result.secret;
    return `authenticator ${result.authenticatorID}`;
  });

  await step("totp_activate", async () => {
    await expectError(app.auth.mfa.activateTOTP(totp(secret, 5)),
      (e) => e instanceof SkygearError && e.reason === "InvalidMFARequest", "activate with a wrong code");
    usedCode = totp(secret);
    const result = await app.auth.mfa.activateTOTP(usedCode);
    check(Array.isArray(result.recoveryCodes) && result.recoveryCodes.length > 0, "no recovery codes");
    recoveryCodes = result.recoveryCodes;
    const authenticators = await app.auth.mfa.getAuthenticators();
    check(authenticators.length === 1 && authenticators[0].type === "totp" && authenticators[0].displayName === "Node",
      `authenticators ${JSON.stringify(authenticators)}`);
    return `${recoveryCodes.length} recovery codes`;
  });

  await step("login_requires_mfa", async () => {
    await app.auth.logout();
    const e = await expectError(app.auth.login(email, password), isMFARequiredError, "login");
    check(typeof e.info.token === "string" && e.info.token.split(".").length === 3, "no JWT in info.token");
    check(app.auth.currentUser === null, "a user is logged in before the MFA step");
    return "401 AuthenticationSession, step mfa";
  });

  await step("totp_replay_refused", async () => {
    await expectError(app.auth.mfa.authenticateWithTOTP({ otp: usedCode }),
      (e) => e instanceof SkygearError && e.reason === "InvalidMFACode", "the activation code again");
    return "InvalidMFACode";
  });

  await step("totp_authenticate", async () => {
    const user = await app.auth.mfa.authenticateWithTOTP({ otp: totp(secret, 1), skipMFAForCurrentDevice: true });
    check(user.id === userId, `user ${user.id}`);
    check((await app.auth.me()).id === userId, "me after MFA");
    const bearer = await app.storage.getMFABearerToken(app.name);
    check(typeof bearer === "string" && bearer.length === 64, "no MFA bearer token stored");
    return `session ${app.auth.currentSessionID}`;
  });

  await step("login_with_trusted_device", async () => {
    await app.auth.logout();
    const user = await app.auth.login(email, password);
    check(user.id === userId, `user ${user.id}`);
    return "bearer token completed the MFA step";
  });

  await step("recovery_code", async () => {
    await app.auth.mfa.revokeAllTrustedDevices();
    await app.auth.logout();
    await expectError(app.auth.login(email, password), isMFARequiredError, "login after revoking trusted devices");
    const user = await app.auth.mfa.authenticateWithRecoveryCode(recoveryCodes[0]);
    check(user.id === userId, `user ${user.id}`);
    return "recovery code accepted";
  });

  await step("delete_authenticator", async () => {
    const [authenticator] = await app.auth.mfa.getAuthenticators();
    await app.auth.mfa.deleteAuthenticator(authenticator.id);
    await app.auth.logout();
    const user = await app.auth.login(email, password);
    check(user.id === userId, `user ${user.id}`);
    return "no authenticator: no MFA step";
  });
});
