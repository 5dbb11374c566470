/**
 * What a bench has started (processes, databases, temp folders, Redis keys), undone in reverse
 * order exactly once, whether the run ends normally, fails, hits its time limit or is interrupted.
 */
export class Teardown {
  private readonly steps: Array<{ what: string; undo: () => Promise<void> | void }> = [];
  private running: Promise<void> | null = null;

  add(what: string, undo: () => Promise<void> | void): void {
    this.steps.push({ what, undo });
  }

  run(log: (message: string) => void = () => undefined): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.undo();
        } catch (err) {
          log(`teardown: ${step.what} failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      this.steps.length = 0;
    })();
    return this.running;
  }
}
