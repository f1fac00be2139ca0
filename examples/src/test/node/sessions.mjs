// Sessions with the real @skygear/node-client: getSession (the current one and another by id),
// the device name the client sends (X-Skygear-Extra-Info), revokeOtherSessions, and the automatic
// access-token refresh on 401 + x-skygear-try-refresh-token.
//
//   SKYGEAR_ENDPOINT=… SKYGEAR_API_KEY=… SKYGEAR_SHORT_LIVED_API_KEY=… node sessions.mjs
//
// SKYGEAR_SHORT_LIVED_API_KEY is a client whose access tokens live three seconds (access_token_lifetime: 3).
// Output as lib.mjs describes; NodeClientCompatTest runs it.
import {
  check, checkDate, checkEqual, expectSkygearError, main, newContainer, postJson, requiredEnv, run, step, tokens,
} from "./lib.mjs";

const shortLivedApiKey = requiredEnv("SKYGEAR_SHORT_LIVED_API_KEY");
const email = `sessions-${run}@example.com`;
const password = `sessions-Passw0rd-${run}`;

/** A container logged in as the script's user, with this device name in its extra session info. */
async function loggedIn(deviceName, key) {
  const container = await newContainer(key);
  container.auth.extraSessionInfoOptions = { deviceName };
  await container.auth.saveExtraSessionInfoOptions();
  await container.auth.login(email, password);
  return container;
}

function checkSession(session, id, deviceName, what) {
  checkEqual(session.id, id, `${what}: id`);
  check(typeof session.identityID === "string" && session.identityID.length > 0, `${what}: identity_id missing`);
  checkDate(session.createdAt, `${what}: created_at`);
  checkDate(session.lastAccessedAt, `${what}: last_accessed_at`);
  check(typeof session.createdByIP === "string" && session.createdByIP.length > 0, `${what}: created_by_ip missing`);
  check(typeof session.lastAccessedByIP === "string", `${what}: last_accessed_by_ip missing`);
  checkEqual(session.userAgent.deviceName, deviceName, `${what}: user_agent.device_name`);
  check(session.userAgent.raw.startsWith("skygear-node-client/"), `${what}: user_agent.raw ${session.userAgent.raw}`);
}

main(async () => {
  const app = await newContainer();
  app.auth.extraSessionInfoOptions = { deviceName: "sessions-main" };
  await app.auth.saveExtraSessionInfoOptions();
  let userId;
  let others;

  await step("signup", async () => {
    const user = await app.auth.signupWithEmail(email, password);
    userId = user.id;
    return `user ${userId}, session ${app.auth.currentSessionID}`;
  });

  await step("get_current_session", async () => {
    const session = await app.auth.getSession(app.auth.currentSessionID);
    checkSession(session, app.auth.currentSessionID, "sessions-main", "current session");
    checkEqual(session.identityID, app.auth.currentIdentity.id, "current session: identity_id");
    return `session ${session.id} on ${session.userAgent.deviceName}`;
  });

  await step("get_session_by_id", async () => {
    others = [await loggedIn("sessions-second"), await loggedIn("sessions-third")];
    const session = await app.auth.getSession(others[0].auth.currentSessionID);
    checkSession(session, others[0].auth.currentSessionID, "sessions-second", "second session");
    await expectSkygearError(app.auth.getSession("00000000-0000-4000-8000-000000000000"), "SessionNotFound",
      "getSession of an unknown id");
    const stranger = await newContainer();
    await stranger.auth.signupWithEmail(`sessions-stranger-${run}@example.com`, password);
    await expectSkygearError(app.auth.getSession(stranger.auth.currentSessionID), "SessionNotFound",
      "getSession of another user's session");
    return `session ${session.id} on ${session.userAgent.deviceName}; unknown and foreign ids: SessionNotFound`;
  });

  await step("revoke_other_sessions", async () => {
    checkEqual((await app.auth.listSessions()).length, 3, "sessions before revokeOtherSessions");
    await app.auth.revokeOtherSessions();
    const ids = (await app.auth.listSessions()).map((s) => s.id);
    checkEqual(ids, [app.auth.currentSessionID], "sessions after revokeOtherSessions");
    for (const other of others) {
      // their refresh tokens died with the sessions: the client tries one, fails and forgets the user
      await expectSkygearError(other.auth.me(), "NotAuthenticated", `me on revoked session ${other.auth.currentSessionID}`);
      checkEqual(other.auth.currentUser, null, "revoked client: currentUser");
    }
    checkEqual((await app.auth.me()).id, userId, "me on the current session");
    return "2 other sessions revoked, the current one kept";
  });

  await step("access_token_refresh", async () => {
    const client = await loggedIn("sessions-short", shortLivedApiKey);
    const before = await tokens(client);
    check(typeof before.refresh === "string" && before.refresh.startsWith(before.session + "."),
      "no refresh token stored");
    // the access token lives three seconds (so that the retried call is well within the new one's); the
    // refresh token a day
    await new Promise((resolve) => setTimeout(resolve, 4100));
    const expired = await postJson("/_auth/me", {}, { "x-skygear-api-key": shortLivedApiKey, authorization: `Bearer ${before.access}` });
    checkEqual(expired.status, 401, "me with the expired access token: status");
    checkEqual(expired.headers.get("x-skygear-try-refresh-token"), "true", "me with the expired access token: x-skygear-try-refresh-token");
    const user = await client.auth.me();
    checkEqual(user.id, userId, "me after the automatic refresh");
    const after = await tokens(client);
    check(after.access !== before.access, "the client did not store a new access token");
    check(after.access.startsWith(before.session + "."), "the new access token is not of the same session");
    checkEqual(after.refresh, before.refresh, "refresh token after the refresh");
    checkEqual(after.session, before.session, "session id after the refresh");
    return `session ${after.session}: expired access token refreshed and the call retried`;
  });
});
