import { useTranslation } from 'react-i18next';

/** The "load more" button under a paged list; it shows nothing when no next page exists. */
export function LoadMoreButton(props: {
  pages: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
  testId: string;
}) {
  const { t } = useTranslation();
  const { pages } = props;
  if (!pages.hasNextPage) return null;
  return (
    <button
      type="button"
      className="button secondary"
      disabled={pages.isFetchingNextPage}
      onClick={() => void pages.fetchNextPage()}
      data-testid={props.testId}
    >
      {pages.isFetchingNextPage ? t('register.loadingMore') : t('register.loadMore')}
    </button>
  );
}
