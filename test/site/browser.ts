/**
 * Chromium for the site tests (playwright-core, no downloads): pages that record every request that
 * would leave 127.0.0.1 (and block it), console errors and Content-Security-Policy violations.
 */
import { existsSync } from "node:fs";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";

/**
 * The browser: PSIRT_CHROMIUM, else Debian's chromium (what .ci/run installs), else the Chrome that
 * GitHub's Ubuntu runners ship.
 */
export const CHROMIUM =
  process.env.PSIRT_CHROMIUM ??
  ["/usr/bin/chromium", "/usr/bin/google-chrome", "/usr/bin/chromium-browser"].find((p) => existsSync(p)) ??
  "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** What a page did that the tests forbid. */
export interface PageLog {
  /** URLs requested outside 127.0.0.1 (blocked). */
  external: string[];
  /** Console errors and warnings, with the page URL. */
  console: string[];
  /** `securitypolicyviolation` events: directive and blocked URI. */
  csp(): Promise<string[]>;
}

export interface OpenOptions extends BrowserContextOptions {
  /** Expected console messages to ignore (e.g. the 404 status of the 404 page itself). */
  ignoreConsole?: RegExp;
}

/** Opens `url` in a fresh context; the caller closes `page.context()`. */
export async function openPage(
  browser: Browser,
  url: string,
  options: OpenOptions = {},
): Promise<{ page: Page; log: PageLog }> {
  const { ignoreConsole, ...contextOptions } = options;
  const context = await browser.newContext(contextOptions);
  const external: string[] = [];
  const consoleLines: string[] = [];
  await context.route("**/*", (route) => {
    const target = new URL(route.request().url());
    if (target.protocol === "data:" || target.hostname === "127.0.0.1") return route.continue();
    external.push(target.href);
    return route.abort("blockedbyclient");
  });
  // Init scripts run through the DevTools protocol, outside the page's CSP.
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() !== "error" && message.type() !== "warning") return;
    const line = `${message.type()} ${page.url()}: ${message.text()}`;
    if (!ignoreConsole?.test(message.text())) consoleLines.push(line);
  });
  page.on("pageerror", (error) => consoleLines.push(`pageerror ${page.url()}: ${error.message}`));
  page.on("request", (request) => {
    const target = new URL(request.url());
    if (target.protocol !== "data:" && target.hostname !== "127.0.0.1" && !external.includes(target.href))
      external.push(target.href);
  });
  await page.goto(url);
  return {
    page,
    log: {
      external,
      console: consoleLines,
      csp: () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
    },
  };
}
