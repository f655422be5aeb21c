// The folders a test file made with tempDir() go when it ends: a run of the tests leaves
// nothing in the system's temporary folder (the 200k-row file alone is 11 MB).
import { afterAll } from "vitest";
import { removeTempDirs } from "../helpers.js";

afterAll(removeTempDirs);
