/**
 * One statement for what concurrent requests ask of the database at the same moment (e.g. 2,000
 * people's subscriptions resolving the same agenda change's case): each request's part goes into the
 * statement with its own caller's values, and each gets back only the rows of its own part. Nothing
 * read for one request is handed to another: the statement is shared, the answers are not.
 */
export class SharedStatements<Part, Answer> {
  private waiting: { part: Part; resolve: (answer: Answer) => void; reject: (error: unknown) => void }[] = [];
  private size = 0;

  /**
   * @param run    one statement for every part given; its answers in the parts' order
   * @param weight how much of the statement's room one part takes (e.g. its rows), at most `capacity` in one statement
   */
  constructor(
    private readonly run: (parts: Part[]) => Promise<Answer[]>,
    private readonly weight: (part: Part) => number = () => 1,
    private readonly capacity = 1_000,
  ) {}

  /**
   * The answer to one part, from a statement run once the current turn of the event loop has taken
   * every request that was ready (`setImmediate`): the parts of that turn go together.
   */
  ask(part: Part): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      const weight = this.weight(part);
      if (this.size + weight > this.capacity && this.waiting.length) this.flush();
      if (!this.waiting.length) setImmediate(() => this.flush());
      this.waiting.push({ part, resolve, reject });
      this.size += weight;
    });
  }

  private flush(): void {
    const batch = this.waiting;
    if (!batch.length) return;
    this.waiting = [];
    this.size = 0;
    void this.settle(batch);
  }

  /**
   * Runs the batch; when the statement fails, each part runs alone, so one request's failure (an audit
   * row refused) fails that request, not the others that shared its statement.
   */
  private async settle(batch: typeof this.waiting): Promise<void> {
    try {
      const answers = await this.run(batch.map((w) => w.part));
      batch.forEach((w, i) => w.resolve(answers[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      await Promise.all(
        batch.map(async (w) => {
          try {
            const [answer] = await this.run([w.part]);
            w.resolve(answer!);
          } catch (own) {
            w.reject(own);
          }
        }),
      );
    }
  }
}
