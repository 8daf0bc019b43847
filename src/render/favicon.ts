/**
 * The page's icon (served at /favicon.svg): two folded sheets, the project's idea in 16 pixels.
 * Static, so it is served with a long cache lifetime.
 */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" role="img" aria-label="feedfold">
<rect x="1" y="3" width="10" height="12" rx="1.5" fill="#0b57b0"/>
<rect x="5" y="1" width="10" height="12" rx="1.5" fill="#b4460a"/>
<path d="M7 5h6M7 8h6M7 11h4" stroke="#fff" stroke-width="1.2" stroke-linecap="round"/>
</svg>
`;
