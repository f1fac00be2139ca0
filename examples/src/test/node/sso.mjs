// SSO with the real @skygear/node-client against a real OpenID provider (mock-oauth2-server, provider id
// "corp", external_access_token_flow_enabled): loginOAuthProviderWithAccessToken,
// linkOAuthProviderWithAccessToken, deleteOAuthProvider, and the shape of oauthAuthorizationURL.
//
//   SKYGEAR_ENDPOINT=… SKYGEAR_API_KEY=… SKYGEAR_TEST_HELPER=… SKYGEAR_SSO_CALLBACK_URL=… node sso.mjs
//
// The access tokens come from the provider through the test's helper (/oidc/token), as a native SDK
// would get them. Output as lib.mjs describes; NodeClientCompatTest runs it.
import { createHash, randomBytes } from "node:crypto";
import {
  check, checkEqual, endpoint, expectSkygearError, main, newContainer, providerAccessToken, requiredEnv, run, step,
} from "./lib.mjs";

const provider = "corp";
const callbackURL = requiredEnv("SKYGEAR_SSO_CALLBACK_URL");
const subject = `corp-user-${run}`;
const email = `sso-${run}@example.com`;
const password = `sso-Passw0rd-${run}`;

function checkOAuthIdentity(identity, sub, claimsEmail, what) {
  check(identity != null, `${what}: no identity in the response`);
  checkEqual(identity.type, "oauth", `${what}: identity.type`);
  checkEqual(identity.providerType, "oidc", `${what}: identity.provider_type`);
  checkEqual(identity.providerUserID, sub, `${what}: identity.provider_user_id`);
  checkEqual(identity.rawProfile.sub, sub, `${what}: identity.raw_profile.sub`);
  checkEqual(identity.claims, { email: claimsEmail }, `${what}: identity.claims`);
}

main(async () => {
  const app = await newContainer();
  let userId;

  await step("login_with_access_token", async () => {
    const user = await app.auth.loginOAuthProviderWithAccessToken(provider, await providerAccessToken(subject, email));
    userId = user.id;
    checkOAuthIdentity(app.auth.currentIdentity, subject, email, "access-token login");
    checkEqual((await app.auth.me()).id, userId, "me after the access-token login");
    return `new user ${userId}`;
  });

  await step("second_login_same_user", async () => {
    const again = await newContainer();
    const user = await again.auth.loginOAuthProviderWithAccessToken(provider, await providerAccessToken(subject, email));
    checkEqual(user.id, userId, "second login: user.id");
    checkEqual(again.auth.currentIdentity.id, app.auth.currentIdentity.id, "second login: identity.id");
    return `same user ${user.id}`;
  });

  await step("bad_access_token_refused", async () => {
    const other = await newContainer();
    await expectSkygearError(other.auth.loginOAuthProviderWithAccessToken(provider, "not-a-token"), "SSOFailed",
      "an access token the provider does not know");
    await expectSkygearError(other.auth.loginOAuthProviderWithAccessToken("nowhere", "t"), "NotFound",
      "an unknown provider");
    return "401 SSOFailed, unknown provider 404";
  });

  const linker = await newContainer();
  const linkedSubject = `corp-linked-${run}`;
  let linkerId;

  await step("link_with_access_token", async () => {
    linkerId = (await linker.auth.signupWithEmail(`sso-password-${run}@example.com`, password)).id;
    const passwordIdentity = linker.auth.currentIdentity;
    const user = await linker.auth.linkOAuthProviderWithAccessToken(provider,
      await providerAccessToken(linkedSubject, `sso-linked-${run}@example.com`));
    checkEqual(user.id, linkerId, "link: user.id");
    checkEqual(linker.auth.currentIdentity, passwordIdentity, "link: the session's identity stays the password one");
    const viaProvider = await newContainer();
    const loggedIn = await viaProvider.auth.loginOAuthProviderWithAccessToken(provider,
      await providerAccessToken(linkedSubject, `sso-linked-${run}@example.com`));
    checkEqual(loggedIn.id, linkerId, "login with the linked provider user: user.id");
    await expectSkygearError(linker.auth.linkOAuthProviderWithAccessToken(provider,
      await providerAccessToken(subject, email)), "SSOFailed", "linking a provider user another user has");
    return `corp user ${linkedSubject} linked to ${linkerId}`;
  });

  await step("delete_oauth_provider", async () => {
    await expectSkygearError(app.auth.deleteOAuthProvider(provider), "CurrentIdentityBeingDeleted",
      "deleting the identity of the current session");
    await linker.auth.deleteOAuthProvider(provider);
    await expectSkygearError(linker.auth.deleteOAuthProvider(provider), "NotFound", "deleting it again");
    const after = await newContainer();
    const user = await after.auth.loginOAuthProviderWithAccessToken(provider,
      await providerAccessToken(linkedSubject, `sso-linked-${run}@example.com`));
    check(user.id !== linkerId, "after unlinking, the provider user still logs in as the password user");
    return `unlinked; the provider user is now its own user ${user.id}`;
  });

  await step("oauth_authorization_url", async () => {
    // alpha.16 sends no code_challenge, which the server (like the reference server) requires: PKCE.
    const e = await expectSkygearError(app.apiClient.oauthAuthorizationURL(provider,
      { action: "login", callbackURL, uxMode: "web_redirect" }), "ValidationFailed", "oauthAuthorizationURL without PKCE");
    checkEqual(e.info.causes.map((c) => [c.kind, c.pointer]), [["Required", "/code_challenge"]],
      "oauthAuthorizationURL without PKCE: causes");
    // The same request through the client's transport with a challenge added: the server's redirect URL.
    const challenge = createHash("sha256").update(randomBytes(32).toString("base64url")).digest("base64url");
    for (const action of ["login", "link"]) {
      const url = new URL(await app.apiClient.post(`/_auth/sso/${provider}/${action}_auth_url`, {
        json: { callback_url: callbackURL, ux_mode: "web_redirect", code_challenge: challenge },
      }));
      checkEqual(`${url.origin}${url.pathname}`, `${endpoint}/_auth/sso/${provider}/auth_redirect`, `${action}_auth_url: URL`);
      check(/^[\w-]+\.[\w-]+\.[\w-]+$/.test(url.searchParams.get("state")), `${action}_auth_url: state is not a JWT`);
    }
    await expectSkygearError(app.apiClient.post(`/_auth/sso/${provider}/login_auth_url`, {
      json: { callback_url: "https://evil.example.com/cb", ux_mode: "web_redirect", code_challenge: challenge },
    }), "ValidationFailed", "a callback URL not on the allow-list");
    return "no PKCE: 400 Required /code_challenge; with PKCE: <endpoint>/_auth/sso/corp/auth_redirect?state=<JWT>";
  });
});
