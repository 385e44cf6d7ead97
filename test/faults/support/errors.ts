import {
  APIConnectionError,
  APIConnectionTimeoutError,
  AuthenticationError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
  UnprocessableEntityError,
  type MavenError,
} from "@trymaven/core";
import type { ErrorClassName, FaultCase } from "../matrix.ts";

/** The matrix names error classes; these are the classes themselves. */
export const ERROR_CLASSES: Record<ErrorClassName, abstract new (...args: never[]) => MavenError> = {
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APIConnectionTimeoutError,
  ResponseValidationError,
};

/** The message the matrix expects for `row`, for the session `sessionId`. */
export function expectedMessage(row: FaultCase, sessionId: string): string {
  return row.error!.message.replaceAll("{id}", sessionId);
}
