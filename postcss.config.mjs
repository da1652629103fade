/** Tailwind CSS v4 runs as one PostCSS plugin; the theme lives in app/globals.css. */
const config = {
  plugins: {
    '@tailwindcss/postcss': {},
  },
};

export default config;
