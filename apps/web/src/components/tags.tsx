export function Tags({
  tags,
  onClick,
}: {
  tags: readonly string[];
  onClick?: (tag: string) => void;
}) {
  if (tags.length === 0) return null;
  return (
    <span className="tags">
      {tags.map((tag) =>
        onClick ? (
          <button
            key={tag}
            type="button"
            className="tag"
            onClick={() => onClick(tag)}
            title={`Filter by ${tag}`}
          >
            {tag}
          </button>
        ) : (
          <span key={tag} className="tag">
            {tag}
          </span>
        ),
      )}
    </span>
  );
}
