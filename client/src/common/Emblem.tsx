/** The console's mark: a shield, drawn inline so it needs no image request. */
export function Emblem({ size = 40 }: { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 64 64"
      aria-hidden="true"
      focusable="false"
      className="emblem"
    >
      <path
        d="M32 4 8 13v17c0 15 10 26 24 30 14-4 24-15 24-30V13z"
        fill="#0b3d91"
        stroke="#ffd43b"
        strokeWidth="4"
      />
      <path d="M20 32h24M32 20v24" stroke="#fff" strokeWidth="6" strokeLinecap="round" />
    </svg>
  );
}
