// Type declarations for the callcenter Node binding.

/** Base of every error from libcallcenter. */
export class CallCenterError extends Error {
  /** Symbolic code, e.g. "CC_EINVAL". */
  code: string;
  /** The library's negative error number. */
  errno: number;
  /** The library's message. */
  detail: string;
  /** Which part of the library failed: "text", "store", ... */
  klass: string;
  /** SQLite code, HTTP status, ... */
  backendCode: number;
  /** PostgreSQL SQLSTATE, or "". */
  sqlstate: string;
}
/** Bad input: argument, UTF-8, JSON, configuration, range. */
export class InvalidInputError extends CallCenterError {}
/** The record, key or name does not exist. */
export class NotFoundError extends CallCenterError {}

export const Feature: Readonly<{
  THREADS: number; SQLITE: number; POSTGRES: number; OPUS: number;
  CURL: number; ESPEAK: number; STEMMER: number; SPEEXDSP: number;
}>;
export const LogLevel: Readonly<{
  NONE: 0; ERROR: 1; WARN: 2; INFO: 3; DEBUG: 4; TRACE: 5;
}>;

/** Path of the loaded shared library. */
export const libraryPath: string;
/** The loaded library's version, e.g. "0.1.0". */
export function version(): string;
/** [major, minor, patch] of the loaded library. */
export const versionInfo: [number, number, number];
/** Bitwise OR of Feature values this build has. */
export function features(): number;
export function strerror(code: number): string;
export function errorName(code: number): string;
export function setLogLevel(level: number | string): void;
export function getLogLevel(): number;
/** "+966559876543" → "+966*******43". */
export function maskPhone(phone: string): string;
/** "ahmed@example.com" → "a****@e******.com". */
export function maskEmail(email: string): string;
/** "Ahmed Saleh" → "A**** S****". */
export function maskName(name: string): string;
/** Masks every phone number and e-mail address in a text. */
export function scrub(text: string): string;
