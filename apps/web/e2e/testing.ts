/** What browser tests and benchmarks share: a fresh build of the app, Debian's Chromium, screenshots. */
export { ARTIFACTS, CHROMIUM, launchChromium, screenshot } from "./browser";
export { signIn } from "./sign-in";
export { buildWeb } from "./web-build";
