// Wire-compatibility check: drives the real @skygear/node-client against a running host app.
//
//   SKYGEAR_ENDPOINT=http://localhost:8080 SKYGEAR_API_KEY=demo-api-key node compat.mjs
//
// Output as lib.mjs describes; NodeClientCompatTest runs it in CI.
import { VERSION } from "@skygear/node-client";
import {
  check, checkDate, checkEqual, endpoint, expectSkygearError, main, newContainer, postJson, run, step, tokens,
} from "./lib.mjs";

const email = `compat-${run}@example.com`;
const oldPassword = `old-Passw0rd-${run}`;
const newPassword = `new-Passw0rd-${run}`;
const metadata = { name: "Node Client Compat", tags: ["a", "b"], nested: { level: 1 } };
const deviceName = "compat-device";

function checkUser(user, expectedId, what) {
  check(user != null, `${what}: no user in the response`);
  check(typeof user.id === "string" && user.id.length > 0, `${what}: user.id missing`);
  if (expectedId !== undefined) {
    checkEqual(user.id, expectedId, `${what}: user.id`);
  }
  checkDate(user.createdAt, `${what}: user.created_at`);
  checkEqual(user.isDisabled, false, `${what}: user.is_disabled`);
  check(typeof user.isVerified === "boolean", `${what}: user.is_verified is not a boolean`);
  checkEqual(user.metadata, metadata, `${what}: user.metadata`);
}

function checkIdentity(identity, expectedId, what) {
  check(identity != null, `${what}: no identity in the response`);
  check(typeof identity.id === "string" && identity.id.length > 0, `${what}: identity.id missing`);
  if (expectedId !== undefined) {
    checkEqual(identity.id, expectedId, `${what}: identity.id`);
  }
  checkEqual(identity.type, "password", `${what}: identity.type`);
  checkEqual(identity.loginIDKey, "email", `${what}: identity.login_id_key`);
  checkEqual(identity.loginID, email, `${what}: identity.login_id`);
  checkEqual(identity.claims, { email }, `${what}: identity.claims`);
}

main(async () => {
  console.log(`@skygear/node-client ${VERSION} against ${endpoint} (login ID ${email})`);
  const app = await newContainer();
  let userId;
  let identityId;
  let firstAccessToken;

  await step("signup", async () => {
    const user = await app.auth.signupWithEmail(email, oldPassword, { metadata });
    checkUser(user, undefined, "signup");
    userId = user.id;
    checkIdentity(app.auth.currentIdentity, undefined, "signup");
    identityId = app.auth.currentIdentity.id;
    const t = await tokens(app);
    check(typeof t.access === "string" && t.access.length > 0, "signup: no access_token");
    check(typeof t.session === "string" && t.session.length > 0, "signup: no session_id");
    check(t.access.startsWith(t.session + "."), `signup: access token is not "<session_id>.<secret>"`);
    firstAccessToken = t.access;
    return `user ${userId}, session ${t.session}`;
  });

  await step("me", async () => {
    const user = await app.auth.me();
    checkUser(user, userId, "me");
    checkIdentity(app.auth.currentIdentity, identityId, "me");
    return `user ${user.id}`;
  });

  await step("change_password", async () => {
    const before = await tokens(app);
    await expectSkygearError(app.auth.changePassword(newPassword, "not-the-password"),
      "InvalidCredentials", "change_password with a wrong old password");
    const user = await app.auth.changePassword(newPassword, oldPassword);
    checkUser(user, userId, "change_password");
    checkIdentity(app.auth.currentIdentity, identityId, "change_password");
    const after = await tokens(app);
    checkEqual(after.session, before.session, "change_password: session id");
    check(after.access !== firstAccessToken, "change_password: the access token was not rotated");
    checkUser(await app.auth.me(), userId, "me with the rotated access token");
    return "access token rotated";
  });

  const other = await newContainer();
  other.auth.extraSessionInfoOptions = { deviceName };

  await step("second_login", async () => {
    const user = await other.auth.login(email, newPassword);
    checkUser(user, userId, "second login");
    check(other.auth.currentIdentity != null, "second login: no identity in the response");
    checkEqual(other.auth.currentIdentity.loginID, email, "second login: identity.login_id");
    const t = await tokens(other);
    check(typeof t.session === "string" && t.session !== app.auth.currentSessionID,
      `second login: expected a new session id, got ${t.session}`);
    return `session ${t.session}`;
  });

  await step("session_list", async () => {
    const sessions = await app.auth.listSessions();
    check(Array.isArray(sessions) && sessions.length >= 1, "session list is empty");
    const ids = sessions.map((s) => s.id);
    const current = sessions.find((s) => s.id === app.auth.currentSessionID);
    check(current !== undefined, `session list ${JSON.stringify(ids)} lacks the current session ${app.auth.currentSessionID}`);
    const second = sessions.find((s) => s.id === other.auth.currentSessionID);
    check(second !== undefined, `session list ${JSON.stringify(ids)} lacks the second session ${other.auth.currentSessionID}`);
    for (const s of sessions) {
      checkEqual(s.identityID, identityId, `session ${s.id}: identity_id`);
      checkDate(s.createdAt, `session ${s.id}: created_at`);
      checkDate(s.lastAccessedAt, `session ${s.id}: last_accessed_at`);
    }
    check(typeof current.userAgent.raw === "string" && current.userAgent.raw.startsWith("skygear-node-client/"),
      `current session: user_agent.raw is ${JSON.stringify(current.userAgent.raw)}`);
    checkEqual(second.userAgent.deviceName, deviceName, "second session: user_agent.device_name (X-Skygear-Extra-Info)");
    return `${sessions.length} sessions, current ${current.id}`;
  });

  await step("session_revoke", async () => {
    const revoked = other.auth.currentSessionID;
    await app.auth.revokeSession(revoked);
    const ids = (await app.auth.listSessions()).map((s) => s.id);
    check(!ids.includes(revoked), `revoked session ${revoked} is still listed: ${JSON.stringify(ids)}`);
    check(ids.includes(app.auth.currentSessionID), "the current session vanished from the list");
    // The revoked client gets 401 + x-skygear-try-refresh-token, tries its refresh token, fails, logs out.
    await expectSkygearError(other.auth.me(), "NotAuthenticated", "me on the revoked session");
    checkEqual(other.auth.currentUser, null, "revoked client: currentUser after the failed refresh");
    return `session ${revoked} revoked`;
  });

  await step("logout", async () => {
    const { access } = await tokens(app);
    await app.auth.logout();
    checkEqual(app.auth.currentUser, null, "logout: currentUser");
    checkEqual(await app.storage.getAccessToken(app.name), null, "logout: stored access token");
    const response = await postJson("/_auth/me", {}, { authorization: `Bearer ${access}` });
    checkEqual(response.status, 401, "me with the logged-out token: status");
    checkEqual(response.headers.get("x-skygear-try-refresh-token"), "true", "me with the logged-out token: x-skygear-try-refresh-token");
    checkEqual(response.body.error && response.body.error.reason, "NotAuthenticated", "me with the logged-out token: error reason");
    return "token invalidated";
  });

  await step("login", async () => {
    await expectSkygearError(app.auth.login(email, oldPassword), "InvalidCredentials", "login with the old password");
    const user = await app.auth.login(email, newPassword);
    checkUser(user, userId, "login");
    checkIdentity(app.auth.currentIdentity, identityId, "login");
    return `user ${user.id}, session ${app.auth.currentSessionID}`;
  });

  await step("me_after_login", async () => {
    const user = await app.auth.me();
    checkUser(user, userId, "me after login");
    checkIdentity(app.auth.currentIdentity, identityId, "me after login");
    return `user ${user.id}`;
  });

  await step("asset_upload", async () => {
    const content = `asset from ${email}`;
    const name = await app.asset.upload(Buffer.from(content), {
      prefix: "compat-",
      headers: { "content-type": "text/plain" },
    });
    check(typeof name === "string" && /^compat-[0-9a-f-]{36}\.txt$/.test(name), `asset.upload returned ${JSON.stringify(name)}`);
    const response = await fetch(`${endpoint}/_asset/get/${name}`);
    checkEqual(response.status, 200, `GET /_asset/get/${name}: status`);
    checkEqual(await response.text(), content, `GET /_asset/get/${name}: body`);
    const exactName = `compat-${run}.txt`;
    checkEqual(await app.asset.upload(Buffer.from("exact"), { exactName }), exactName, "asset.upload with exactName");
    await expectSkygearError(app.asset.upload(Buffer.from("again"), { exactName }), "DuplicateAsset",
      "asset.upload of a taken exactName");
    return `uploaded ${name} and ${exactName}`;
  });
});
