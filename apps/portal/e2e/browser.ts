import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const SCREENSHOTS = join(import.meta.dirname, "..", "..", "..", "docs", "screenshots");

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** One Chromium for the test file that calls this at its top: launched before its tests, closed after them. */
export function browserPerFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

/** A fresh browser context (own cookies) with a page that fails the test on CSP violations or page errors. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "nl-NL" });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(msg.text());
  });
  page.on("pageerror", (err) => problems.push(err.message));
  (page as Page & { problems: string[] }).problems = problems;
  return page;
}

export function pageProblems(page: Page): string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA plus best practices) on the page and asserts there are no violations. */
export async function expectAccessible(page: Page) {
  // Injected through the DevTools protocol, so the page's strict CSP needs no exception.
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return result.violations;
  })) as AxeViolation[];
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
  expect(pageProblems(page), `CSP violations or script errors on ${page.url()}`).toEqual([]);
}

/** Screenshots are written only when asked (`npm run screenshots` sets REGIE_SCREENSHOTS=1), so `npm test` changes no file. */
export const TAKE_SCREENSHOTS = process.env.REGIE_SCREENSHOTS === "1";

/**
 * Writes docs/screenshots/<name>.png when screenshots are asked for. The pages show when things happened, which the
 * services record with their own clock; for a picture that is the same on every run, every date-time on the page
 * ("21 november 2026 om 09:30", "21 November 2026 at 09:30") reads 1 January 2026, 10:00 in the picture.
 */
export async function screenshot(page: Page, name: string) {
  if (!TAKE_SCREENSHOTS) return;
  await page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      node.nodeValue = node.nodeValue!.replace(/\d{1,2} \p{L}+ \d{4},? (om|at) \d{2}:\d{2}/gu, (_m, at: string) =>
        at === "om" ? "1 januari 2026 om 10:00" : "1 January 2026 at 10:00",
      );
    }
  });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: "disabled", caret: "hide" });
}

/** Visible text of the main landmark. */
export async function mainText(page: Page): Promise<string> {
  return ((await page.locator("main").innerText()) ?? "").replace(/\s+/g, " ");
}

/** Clicks and waits for the page the form or link leads to; fails with the page's text when it lands elsewhere. */
export async function clickAndExpectUrl(page: Page, click: () => Promise<void>, url: RegExp) {
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), click()]);
  if (!url.test(page.url())) throw new Error(`expected ${url} but landed on ${page.url()}: ${await mainText(page).catch(() => "")}`);
}
