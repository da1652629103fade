import { LoadingPanel } from '../../../_components/loading-panel';

export default function Loading() {
  return <LoadingPanel message="Loading your calendar feed…" />;
}
