// Imported first by the bin: from here on, Node (22.1 and later) keeps the compiled code of every module
// it loads in its on-disk compile cache (under the OS temp folder, or NODE_COMPILE_CACHE), so the next run
// skips compiling ESLint, the engine and the parser. Node 20 has no such cache: nothing happens there.
import nodeModule from 'node:module';

(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
