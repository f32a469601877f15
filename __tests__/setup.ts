// cdktf's matchers read the global `expect` at call time: give them vitest's, then register them.
import { expect } from "vitest";
import { Testing } from "cdktf";

(globalThis as { expect?: unknown }).expect = expect;
Testing.setupJest();
