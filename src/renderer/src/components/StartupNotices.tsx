/** Start-up notices from main (e.g. a damaged database set aside), shown until the person closes them. */
import { useEffect, useState } from 'react';
import { getApi } from '../api';

/** A banner per notice. */
export function StartupNotices() {
  const [notices, setNotices] = useState<string[]>([]);
  useEffect(() => {
    getApi()
      ?.appInfo()
      .then((info) => setNotices(info.notices), () => undefined);
  }, []);
  if (notices.length === 0) return null;
  return (
    <div className="startup-notices" role="alert">
      {notices.map((notice) => (
        <p key={notice}>{notice}</p>
      ))}
      <button type="button" onClick={() => setNotices([])}>
        Close
      </button>
    </div>
  );
}
