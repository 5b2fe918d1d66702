import { type CacheClusterSize, cacheClusterSizes } from '@gateway-console/contract';

/** The eight cache sizes API Gateway sells, labelled as the AWS console does. */
export const cacheSizeOptions: { value: CacheClusterSize; label: string }[] = cacheClusterSizes.map(
  (size) => ({
    value: size,
    label: `${size} GB`,
  }),
);
