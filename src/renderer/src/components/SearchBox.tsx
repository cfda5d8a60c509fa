/** The search box of a list: results follow the typing (debounced); `/` anywhere focuses it. */
import { useEffect, useRef, useState } from 'react';

/** The element id `/` focuses. */
export const SEARCH_BOX_ID = 'search-box';
const DEBOUNCE_MS = 150;

interface SearchBoxProps {
  label: string;
  value: string;
  onSearch(query: string): void;
}

/** A search input that reports its text a moment after typing stops. */
export function SearchBox({ label, value, onSearch }: SearchBoxProps) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const searchRef = useRef(onSearch);
  useEffect(() => {
    searchRef.current = onSearch;
  }, [onSearch]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const change = (next: string) => {
    setText(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => searchRef.current(next), DEBOUNCE_MS);
  };
  return (
    <div className="search-box" role="search">
      <input
        id={SEARCH_BOX_ID}
        type="search"
        aria-label={label}
        placeholder={`${label} (press /)`}
        value={text}
        maxLength={500}
        onChange={(event) => change(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && text !== '') {
            event.preventDefault();
            change('');
          }
        }}
      />
    </div>
  );
}
