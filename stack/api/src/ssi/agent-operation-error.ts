// An ACA-Py operation that took several calls and did not reach the state it needed.
export class AgentOperationError extends Error {
  readonly agent: string;
  readonly operation: string;

  constructor(agent: string, operation: string, message: string) {
    super(message);
    this.name = 'AgentOperationError';
    this.agent = agent;
    this.operation = operation;
  }
}
