/*
 * A straightforward C implementation of the SGD loop of Surprise's SVD (the same update rule and
 * visit order as src/main/engine/recs/svd.ts), used by bench/recs.ts as the speed reference.
 * Usage: svd-loop FILE  (u.data layout: user<TAB>item<TAB>rating<TAB>timestamp)
 * Prints the fit time of 20 epochs, 100 factors, in seconds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  FILE *in = fopen(argv[1], "r");
  if (!in) return 1;
  int cap = 1 << 16, n = 0, a, b, c;
  long t;
  int *U = malloc(sizeof(int) * cap), *I = malloc(sizeof(int) * cap);
  double *R = malloc(sizeof(double) * cap);
  int maxId = 0;
  while (fscanf(in, "%d\t%d\t%d\t%ld", &a, &b, &c, &t) == 4) {
    if (n == cap) {
      cap *= 2;
      U = realloc(U, sizeof(int) * cap); I = realloc(I, sizeof(int) * cap); R = realloc(R, sizeof(double) * cap);
    }
    U[n] = a; I[n] = b; R[n] = c; n++;
    if (a > maxId) maxId = a;
    if (b > maxId) maxId = b;
  }
  fclose(in);
  int *urank = malloc(sizeof(int) * (maxId + 1)), *irank = malloc(sizeof(int) * (maxId + 1));
  for (int k = 0; k <= maxId; k++) urank[k] = irank[k] = -1;
  int nu = 0, ni = 0;
  for (int k = 0; k < n; k++) {
    if (urank[U[k]] < 0) urank[U[k]] = nu++;
    if (irank[I[k]] < 0) irank[I[k]] = ni++;
  }
  int *start = calloc(nu + 1, sizeof(int));
  for (int k = 0; k < n; k++) start[urank[U[k]] + 1]++;
  for (int r = 0; r < nu; r++) start[r + 1] += start[r];
  int *vu = malloc(sizeof(int) * n), *vi = malloc(sizeof(int) * n);
  double *vr = malloc(sizeof(double) * n), mu = 0;
  for (int k = 0; k < n; k++) {
    int at = start[urank[U[k]]]++;
    vu[at] = urank[U[k]]; vi[at] = irank[I[k]]; vr[at] = R[k]; mu += R[k];
  }
  mu /= n;
  const int K = 100;
  double *P = malloc(sizeof(double) * nu * K), *Q = malloc(sizeof(double) * ni * K);
  double *bu = calloc(nu, sizeof(double)), *bi = calloc(ni, sizeof(double));
  srand(0);
  for (int k = 0; k < nu * K; k++) P[k] = 0.1 * ((double)rand() / RAND_MAX - 0.5);
  for (int k = 0; k < ni * K; k++) Q[k] = 0.1 * ((double)rand() / RAND_MAX - 0.5);
  const double lr = 0.005, reg = 0.02;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int e = 0; e < 20; e++) {
    for (int p = 0; p < n; p++) {
      int u = vu[p], i = vi[p];
      double *pu = P + (long)u * K, *qi = Q + (long)i * K, dot = 0;
      for (int f = 0; f < K; f++) dot += qi[f] * pu[f];
      double err = vr[p] - (mu + bu[u] + bi[i] + dot);
      bu[u] += lr * (err - reg * bu[u]);
      bi[i] += lr * (err - reg * bi[i]);
      for (int f = 0; f < K; f++) {
        double puf = pu[f], qif = qi[f];
        pu[f] += lr * (err * qif - reg * puf);
        qi[f] += lr * (err * puf - reg * qif);
      }
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("%.4f\n", (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
  return bu[0] != bu[0];
}
