import Dispatch
import Gateway

// snowgate's own entry point is `async`: on Linux its main thread then parks in `dispatch_main`, whose signal
// thread valgrind (3.19 to 3.24) crashes on ("the 'impossible' happened", in `_dispatch_sig_thread`). Here the
// command runs as a detached task on the cooperative pool and the main thread waits on a semaphore; snowgate puts
// no work on the main actor, so nothing waits for the main queue.
let finished = DispatchSemaphore(value: 0)
Task.detached {
    await SnowgateCommand.runFromCommandLine()
    finished.signal()
}
finished.wait()
