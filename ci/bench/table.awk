# One table of ratios: the peer's file first, then one file per runtime of ours, all lines
#   metric  median  min  max  samples  unit
# Variables: peer (the peer's name), names (our runtimes, space-separated, in file order).
# One row per metric of the peer's file: the peer's median, each runtime's median [min..max] (n) and its
# ratio to the peer; with two or more runtimes, each later one's median over the first's.
BEGIN { FS = "\t"; k = split(names, rt, " ") }
FILENAME == ARGV[1] { theirs[$1] = $0; order[++rows] = $1; next }
{ for (i = 1; i <= k; i++) if (FILENAME == ARGV[i + 1]) line[i, $1] = $0 }
END {
  printf "%-48s %-8s %12s", "metric", "unit", peer " median"
  for (i = 1; i <= k; i++) printf " %12s %24s %9s", rt[i] " median", rt[i] " [min..max] (n)", rt[i] "/" peer
  for (i = 2; i <= k; i++) printf " %15s", rt[i] "/" rt[1]
  printf "\n"
  for (r = 1; r <= rows; r++) {
    m = order[r]; split(theirs[m], p, "\t")
    printf "%-48s %-8s %12.4g", m, p[6], p[2]
    for (i = 1; i <= k; i++) {
      if ((i, m) in line) {
        split(line[i, m], o, "\t"); med[i] = o[2]
        printf " %12.4g %24s %9.2f", o[2], sprintf("[%.3g..%.3g] (%d)", o[3], o[4], o[5]), o[2] / p[2]
      } else {
        med[i] = ""; printf " %12s %24s %9s", "-", "(not measured)", "-"
      }
    }
    for (i = 2; i <= k; i++) printf " %15s", (med[i] != "" && med[1] != "") ? sprintf("%.2f", med[i] / med[1]) : "-"
    printf "\n"
  }
}
