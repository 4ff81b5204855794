/// One position in the response, linked to its parent: the path of a field or list item, shared by all the
/// positions below it (graphql-js's `Path`).
///
/// Each node also keeps its ordinal (the field's position among its siblings, or the list index) so that errors
/// raised by fields running concurrently can be put back in the order a depth-first, document-order execution
/// would have raised them.
final class PathNode: Sendable {
    let parent: PathNode?
    let component: PathComponent
    let ordinal: Int

    init(parent: PathNode?, component: PathComponent, ordinal: Int) {
        self.parent = parent
        self.component = component
        self.ordinal = ordinal
    }

    /// The components from the root down to this node.
    var components: [PathComponent] {
        var result: [PathComponent] = []
        var node: PathNode? = self
        while let current = node {
            result.append(current.component)
            node = current.parent
        }
        result.reverse()
        return result
    }

    /// The ordinals from the root down to this node.
    var ordinals: [Int] {
        var result: [Int] = []
        var node: PathNode? = self
        while let current = node {
            result.append(current.ordinal)
            node = current.parent
        }
        result.reverse()
        return result
    }
}

/// A position not yet materialised as a ``PathNode``: leaf fields and list items only need a node when they fail
/// or have children, so most never allocate one.
struct PathSlot: Sendable {
    let parent: PathNode?
    let component: PathComponent
    let ordinal: Int

    func node() -> PathNode {
        PathNode(parent: parent, component: component, ordinal: ordinal)
    }
}
