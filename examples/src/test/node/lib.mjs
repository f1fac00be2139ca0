// The step runner and checks every compat script shares. A script calls step(name, body) per step and
// runs its steps through main(fn): "PASS <step>: <detail>" per step, "ALL PASSED (<n> steps)" at the end;
// on the first failure "FAIL <step>: <why>" on stderr and exit code 1. NodeClientCompatTest reads them.
//
// Environment: SKYGEAR_ENDPOINT, SKYGEAR_API_KEY (required); SKYGEAR_TEST_HELPER, the test's helper
// server (mails at /mail, provider access tokens at /oidc/token), for the scripts that need it.
import { isDeepStrictEqual } from "node:util";
import { NodeContainer, SkygearError } from "@skygear/node-client";

export class StepFailure extends Error {}

let passed = 0;
let currentStep = "setup";

/** An environment variable the script cannot run without. */
export function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`FAIL setup: environment variable ${name} is not set`);
    process.exit(2);
  }
  return value;
}

export const endpoint = requiredEnv("SKYGEAR_ENDPOINT").replace(/\/+$/, "");
export const apiKey = requiredEnv("SKYGEAR_API_KEY");

/** A suffix unique to this run, so that login IDs never collide with an earlier run's. */
export const run = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);

export function check(condition, message) {
  if (!condition) {
    throw new StepFailure(message);
  }
}

export function checkEqual(actual, expected, what) {
  check(isDeepStrictEqual(actual, expected),
    `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export function checkDate(value, what) {
  check(value instanceof Date && !Number.isNaN(value.getTime()), `${what} is not a valid timestamp: ${value}`);
}

export async function step(name, body) {
  currentStep = name;
  const detail = await body();
  passed += 1;
  console.log(`PASS ${name}${detail ? ": " + detail : ""}`);
}

/** Runs a call that must fail with an error `test` accepts; returns the error. */
export async function expectError(promise, test, what) {
  try {
    await promise;
  } catch (e) {
    check(test(e), `${what}: unexpected error ${describe(e)}`);
    return e;
  }
  throw new StepFailure(`${what}: expected an error, but the call succeeded`);
}

/** Runs a call that must fail with the given SkygearError reason; returns the error. */
export async function expectSkygearError(promise, reason, what) {
  const e = await expectError(promise, (err) => err instanceof SkygearError, `${what} (expected ${reason})`);
  checkEqual(e.reason, reason, `${what}: error reason`);
  return e;
}

export function describe(e) {
  if (e instanceof SkygearError) {
    return `SkygearError name=${e.name} reason=${e.reason} message=${JSON.stringify(e.message)}` +
      (e.info !== undefined ? ` info=${JSON.stringify(e.info)}` : "");
  }
  return e && e.stack ? e.stack : String(e);
}

/** A fresh client (its own in-memory storage) configured for the app under test. */
export async function newContainer(key = apiKey) {
  const container = new NodeContainer();
  await container.configure({ endpoint, apiKey: key });
  return container;
}

/** The container's tokens, as the client stored them. */
export async function tokens(container) {
  return {
    access: await container.storage.getAccessToken(container.name),
    refresh: await container.storage.getRefreshToken(container.name),
    session: container.auth.currentSessionID,
  };
}

/** A raw JSON POST to the app (for what the client cannot send), answering {status, headers, body}. */
export async function postJson(path, body, headers = {}) {
  const response = await fetch(`${endpoint}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-skygear-api-key": apiKey, ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

function helper() {
  return requiredEnv("SKYGEAR_TEST_HELPER").replace(/\/+$/, "");
}

const mailsSeen = new Map();

/**
 * The next e-mail to `to` that this script has not read yet ({subject, text}), waiting for the server's
 * outbox to send it (it goes out after the request's transaction commits).
 */
export async function nextMail(to) {
  const seen = mailsSeen.get(to) ?? 0;
  const deadline = Date.now() + 30000;
  for (;;) {
    const response = await fetch(`${helper()}/mail?to=${encodeURIComponent(to)}`);
    check(response.ok, `mail helper answered ${response.status}`);
    const mails = await response.json();
    if (mails.length > seen) {
      mailsSeen.set(to, seen + 1);
      return mails[seen];
    }
    check(Date.now() < deadline, `no new e-mail to ${to} within 30 s (${seen} read before)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The first http(s) link in `text` whose path is `path`, as a URL. */
export function linkIn(text, path) {
  const link = (text.match(/https?:\/\/\S+/g) ?? []).map((l) => new URL(l)).find((u) => u.pathname === path);
  check(link !== undefined, `no ${path} link in: ${text}`);
  return link;
}

/** An access token of the test's OpenID provider for this user, as a native SDK would get it. */
export async function providerAccessToken(subject, email) {
  const response = await fetch(`${helper()}/oidc/token?sub=${encodeURIComponent(subject)}&email=${encodeURIComponent(email)}`);
  check(response.ok, `token helper answered ${response.status}`);
  return response.text();
}

/** Runs the script's steps, then prints the summary; any failure ends the process with exit code 1. */
export function main(steps) {
  steps().then(() => {
    console.log(`ALL PASSED (${passed} steps)`);
  }).catch((e) => {
    const why = e instanceof StepFailure ? e.message : describe(e);
    console.error(`FAIL ${currentStep}: ${why}`);
    process.exit(1);
  });
}
