package io.ctsuite.datasets;

/**
 * Sorts an array of indices with a comparator of the indices, without boxing: manifests sort a
 * million entries by path or by hash this way. A stable merge sort that notices sorted input.
 */
public final class IntSorter {
  /** Compares two indices. */
  @FunctionalInterface
  public interface IntComparator {
    int compare(int a, int b);
  }

  private static final int INSERTION_LIMIT = 24;

  private IntSorter() {}

  public static void sort(int[] items, IntComparator comparator) {
    sort(items, 0, items.length, comparator);
  }

  public static void sort(int[] items, int from, int to, IntComparator comparator) {
    if (isSorted(items, from, to, comparator)) {
      return;
    }
    int[] buffer = items.clone();
    mergeSort(buffer, items, from, to, comparator);
  }

  private static boolean isSorted(int[] items, int from, int to, IntComparator comparator) {
    for (int i = from + 1; i < to; i++) {
      if (comparator.compare(items[i - 1], items[i]) > 0) {
        return false;
      }
    }
    return true;
  }

  /** Sorts src[from, to) into dst[from, to); both start with the same content. */
  private static void mergeSort(int[] src, int[] dst, int from, int to, IntComparator comparator) {
    int length = to - from;
    if (length <= INSERTION_LIMIT) {
      for (int i = from + 1; i < to; i++) {
        int item = dst[i];
        int j = i - 1;
        while (j >= from && comparator.compare(dst[j], item) > 0) {
          dst[j + 1] = dst[j];
          j--;
        }
        dst[j + 1] = item;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(dst, src, from, mid, comparator);
    mergeSort(dst, src, mid, to, comparator);
    if (comparator.compare(src[mid - 1], src[mid]) <= 0) {
      System.arraycopy(src, from, dst, from, length);
      return;
    }
    for (int i = from, p = from, q = mid; i < to; i++) {
      if (q >= to || (p < mid && comparator.compare(src[p], src[q]) <= 0)) {
        dst[i] = src[p++];
      } else {
        dst[i] = src[q++];
      }
    }
  }
}
