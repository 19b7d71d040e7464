//! Dependency cycles among resources, found with Tarjan's strongly connected components
//! (iteratively, so a long chain of resources cannot overflow the stack).

/// Every cycle, once per group of resources that depend on each other: the path from
/// the group's first resource (in source order) round to itself. A resource that
/// depends on itself is a cycle of one.
pub(super) fn cycles(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut found = Vec::new();
    for component in components(edges) {
        if component.len() == 1 {
            let v = component[0];
            if edges[v].contains(&v) {
                found.push(vec![v]);
            }
            continue;
        }
        let Some(&start) = component.iter().min() else {
            continue;
        };
        found.push(path_round(edges, &component, start));
    }
    found.sort();
    found
}

/// Strongly connected components, each as a list of node indices.
fn components(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut result = Vec::new();
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut calls: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut edge)) = calls.last_mut() {
            if let Some(&w) = edges[v].get(*edge) {
                *edge += 1;
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                result.push(component);
            }
        }
    }
    result
}

/// The shortest path from `start` back to itself inside `component` (breadth first).
fn path_round(edges: &[Vec<usize>], component: &[usize], start: usize) -> Vec<usize> {
    let n = edges.len();
    let mut inside = vec![false; n];
    for &v in component {
        inside[v] = true;
    }
    let mut came_from = vec![usize::MAX; n];
    let mut queue = std::collections::VecDeque::from([start]);
    let mut last = None;
    'search: while let Some(v) = queue.pop_front() {
        for &w in &edges[v] {
            if !inside[w] {
                continue;
            }
            if w == start {
                last = Some(v);
                break 'search;
            }
            if came_from[w] == usize::MAX {
                came_from[w] = v;
                queue.push_back(w);
            }
        }
    }
    let mut path = Vec::new();
    let mut v = last.unwrap_or(start);
    while v != start {
        path.push(v);
        v = came_from[v];
    }
    path.push(start);
    path.reverse();
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_without_loops_has_no_cycle() {
        assert!(cycles(&[vec![1], vec![2], vec![]]).is_empty());
    }

    #[test]
    fn a_three_resource_loop_is_reported_once_from_its_first_member() {
        let edges = vec![vec![], vec![2], vec![3], vec![1]];
        assert_eq!(cycles(&edges), vec![vec![1, 2, 3]]);
    }

    #[test]
    fn a_self_reference_is_a_cycle_of_one() {
        assert_eq!(cycles(&[vec![0], vec![]]), vec![vec![0]]);
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let n = 100_000;
        let mut edges: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        edges[n - 1] = vec![0];
        let found = cycles(&edges);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len(), n);
    }
}
