/**
 * When an Update may answer: a workflow with human steps reacts to an action (next step started,
 * deadline computed) and then waits for people again. Each such moment is one epoch; a handler
 * notes the epoch before it acts and answers once a later one has begun, or once the run ends.
 * Shared by the complaint and the recap workflows.
 */
import { condition } from '@temporalio/workflow';

export class Settlement {
  private epoch = 0;
  private ended = false;

  /** The current epoch, taken by a handler before it changes anything. */
  get current(): number {
    return this.epoch;
  }

  get finished(): boolean {
    return this.ended;
  }

  /** The main loop has reacted and waits for people again. */
  markSettled(): void {
    this.epoch += 1;
  }

  /** The run ends: every waiting handler may answer. */
  finish(): void {
    this.ended = true;
    this.epoch += 1;
  }

  /** Resolves once the main loop settled after `epochBefore`, or the run ended. */
  async after(epochBefore: number): Promise<void> {
    await condition(() => this.epoch > epochBefore || this.ended);
  }
}
