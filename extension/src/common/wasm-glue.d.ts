/**
 * The wasm-bindgen `--target web` glue (target/wasm-bindgen/tenk_wasm.js), resolved by the
 * esbuild alias in tools/build-extension.mjs. Only what the extension uses is declared.
 */
declare module 'tenk-wasm-glue' {
  /** Instantiates the core from bytes or a compiled module (once per realm). */
  export default function init(options: { module_or_path: BufferSource | WebAssembly.Module }): Promise<unknown>;
  /** One request in, one response out; never throws for bad input. */
  export function handle(request: unknown): unknown;
}
