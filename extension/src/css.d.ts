/** CSS files imported by the UI are bundled as text (esbuild `loader: {'.css': 'text'}`). */
declare module '*.css' {
  const css: string;
  export default css;
}
