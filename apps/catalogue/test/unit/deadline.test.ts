/** The statutory deadline (Art. 68 / Art. 69): property tests over dates, pauses and the extension. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ApplicationKind } from "@regie/shared/contracts/catalogue";
import { addMonths, clockOf, deadlineOf, type Pause } from "../../src/applications/deadline";

const DAY = 86_400_000;
const start = Date.UTC(2025, 0, 1);
const end = Date.UTC(2035, 0, 1);
const instant = fc.integer({ min: start, max: end });
const kind = fc.constantFrom<ApplicationKind>("data_access", "data_request");
const iso = (t: number) => new Date(t).toISOString();

/** Closed pauses after `from`, in order, each at most 60 days, gaps of up to 30 days. */
const pausesAfter = (from: number) =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: 30 * DAY }), fc.integer({ min: 0, max: 60 * DAY })), { maxLength: 5 }).map((parts) => {
    let t = from;
    return parts.map(([gap, len]): Pause => {
      const p = { from: iso(t + gap), to: iso(t + gap + len) };
      t += gap + len;
      return p;
    });
  });
const total = (ps: Pause[]) => ps.reduce((s, p) => s + Date.parse(p.to!) - Date.parse(p.from), 0);

describe("addMonths", () => {
  it("clamps to the end of a shorter month and keeps the time of day", () => {
    expect(addMonths("2025-01-31T10:00:00Z", 1).toISOString()).toBe("2025-02-28T10:00:00.000Z");
    expect(addMonths("2024-01-31T10:00:00Z", 1).toISOString()).toBe("2024-02-29T10:00:00.000Z");
    expect(addMonths("2025-11-30T00:00:00Z", 3).toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(addMonths("2025-03-15T08:30:00Z", 3).toISOString()).toBe("2025-06-15T08:30:00.000Z");
  });
  it("is between 28 and 31 days per month, and lands on the same day of the month or the month's last day", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 12 }), (t, m) => {
        const d = addMonths(iso(t), m);
        const days = (d.getTime() - t) / DAY;
        expect(days).toBeGreaterThanOrEqual(28 * m);
        expect(days).toBeLessThanOrEqual(31 * m);
        const src = new Date(t);
        const lastOfMonth = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
        expect(d.getUTCDate() === src.getUTCDate() || d.getUTCDate() === lastOfMonth).toBe(true);
      }),
    );
  });
});

describe("deadlineOf", () => {
  it("without pauses: 3 months after submission for both kinds; overdue exactly after it", () => {
    fc.assert(
      fc.property(instant, kind, fc.integer({ min: 0, max: 200 * DAY }), (t, k, elapsed) => {
        const d = deadlineOf({ kind: k, submittedAt: iso(t), pauses: [], extended: false }, new Date(t + elapsed));
        expect(d.dueAt).toBe(addMonths(iso(t), 3).toISOString());
        expect(d.months).toBe(3);
        expect(d.overdue).toBe(t + elapsed > Date.parse(d.dueAt));
        expect(d.pausedSince).toBeNull();
      }),
    );
  });

  it("every closed pause moves the due date by exactly its length", () => {
    fc.assert(
      fc.property(instant, kind, fc.boolean(), (t, k, extended) =>
        fc.assert(
          fc.property(pausesAfter(t), (pauses) => {
            const base = deadlineOf({ kind: k, submittedAt: iso(t), pauses: [], extended }, new Date(t));
            const paused = deadlineOf({ kind: k, submittedAt: iso(t), pauses, extended }, new Date(t));
            expect(Date.parse(paused.dueAt) - Date.parse(base.dueAt)).toBe(total(pauses));
          }),
          { numRuns: 5 },
        ),
      ),
      { numRuns: 40 },
    );
  });

  it("while the clock is stopped the days left do not change and it is never overdue", () => {
    fc.assert(
      fc.property(instant, kind, fc.integer({ min: 0, max: 120 * DAY }), fc.integer({ min: 0, max: 400 * DAY }), (t, k, before, waited) => {
        const from = t + before;
        const clock = { kind: k, submittedAt: iso(t), pauses: [{ from: iso(from), to: null }], extended: false };
        const atStop = deadlineOf(clock, new Date(from));
        const later = deadlineOf(clock, new Date(from + waited));
        expect(later.daysLeft).toBe(atStop.daysLeft);
        expect(later.overdue).toBe(false);
        expect(later.pausedSince).toBe(iso(from));
        // what is left when the clock stops is what is left when it starts again
        const resumed = deadlineOf({ ...clock, pauses: [{ from: iso(from), to: iso(from + waited) }] }, new Date(from + waited));
        expect(Date.parse(resumed.dueAt) - (from + waited)).toBe(Date.parse(atStop.dueAt) - from);
      }),
    );
  });

  it("the extension adds 3 months for a data access application and nothing for a data request", () => {
    fc.assert(
      fc.property(instant, (t) => {
        const sub = iso(t);
        const access = deadlineOf({ kind: "data_access", submittedAt: sub, pauses: [], extended: true }, new Date(t));
        expect(access).toMatchObject({ months: 6, extended: true, dueAt: addMonths(sub, 6).toISOString() });
        const request = deadlineOf({ kind: "data_request", submittedAt: sub, pauses: [], extended: true }, new Date(t));
        expect(request.months).toBe(3);
      }),
    );
  });

  it("days left only go down while the clock runs", () => {
    fc.assert(
      fc.property(instant, kind, fc.integer({ min: 0, max: 100 * DAY }), fc.integer({ min: 0, max: 100 * DAY }), (t, k, a, b) => {
        const clock = { kind: k, submittedAt: iso(t), pauses: [], extended: false };
        expect(deadlineOf(clock, new Date(t + a + b)).daysLeft).toBeLessThanOrEqual(deadlineOf(clock, new Date(t + a)).daysLeft);
      }),
    );
  });
});

describe("clockOf reads the clock from the history", () => {
  it("submission starts it, an information request stops it, the answer resumes it, the extension is remembered", () => {
    const clock = clockOf("data_access", [
      { status: "draft", at: "2026-01-01T00:00:00Z", by: "a" },
      { status: "submitted", at: "2026-01-10T00:00:00Z", by: "a" },
      { status: "information_requested", at: "2026-02-01T00:00:00Z", by: "h" },
      { status: "under_review", at: "2026-02-11T00:00:00Z", by: "a", note: "answered" },
      { status: "under_review", at: "2026-02-12T00:00:00Z", by: "h", note: "extended" },
      { status: "information_requested", at: "2026-03-01T00:00:00Z", by: "h" },
    ]);
    expect(clock).toEqual({
      kind: "data_access",
      submittedAt: "2026-01-10T00:00:00Z",
      extended: true,
      pauses: [
        { from: "2026-02-01T00:00:00Z", to: "2026-02-11T00:00:00Z" },
        { from: "2026-03-01T00:00:00Z", to: null },
      ],
    });
    expect(clockOf("data_access", [{ status: "draft", at: "2026-01-01T00:00:00Z", by: "a" }])).toBeNull();
    // 10 Jan + 6 months = 10 Jul, + 10 days paused, + the open pause (1 Mar .. 5 Mar) = 24 Jul
    expect(deadlineOf(clock!, new Date("2026-03-05T00:00:00Z")).dueAt).toBe("2026-07-24T00:00:00.000Z");
  });
});
