import Testing

@testable import CurlHTTP

@Suite struct TransferStateTests {
    @Test func buildsTheResponseAndMovesTheBodyOut() {
        var state = TransferState(maxBodyBytes: 100, maxHeaderBytes: 1000)
        for line in ["HTTP/1.1 200 OK\r\n", "Content-Length: 5\r\n", "\r\n"] {
            #expect(Array(line.utf8).withUnsafeBytes { state.receiveHeaderLine($0) } == .accept)
        }
        #expect(Array("hel".utf8).withUnsafeBytes { state.receiveBody($0) } == .accept)
        #expect(Array("lo".utf8).withUnsafeBytes { state.receiveBody($0) } == .accept)
        let response = state.takeResponse(status: 200, timing: .init(), connectionReused: true)
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "hello")
        #expect(response.headers.value(named: "content-length") == "5")
        #expect(response.connectionReused)
        #expect(state.body.isEmpty)
    }

    @Test func bodyOverTheLimitIsRefusedAndReportedAsTooLarge() {
        var state = TransferState(maxBodyBytes: 4, maxHeaderBytes: 1000)
        #expect(Array("abcd".utf8).withUnsafeBytes { state.receiveBody($0) } == .accept)
        #expect(Array("e".utf8).withUnsafeBytes { state.receiveBody($0) } == .refuse)
        // libcurl then ends the transfer with CURLE_WRITE_ERROR (23).
        let error = state.failure(curlCode: 23, detail: "Failure writing output to destination")
        #expect(error.code == .responseTooLarge)
        #expect(error.curlCode == 23)
    }

    @Test func headersOverTheLimitAreReportedAsTooLarge() {
        var state = TransferState(maxBodyBytes: 4, maxHeaderBytes: 10)
        #expect(Array("HTTP/1.1 200 OK\r\n".utf8).withUnsafeBytes { state.receiveHeaderLine($0) } == .refuse)
        #expect(state.failure(curlCode: 23, detail: "").code == .responseTooLarge)
    }

    @Test func writeErrorWithoutARefusalIsATransportError() {
        let state = TransferState(maxBodyBytes: 4, maxHeaderBytes: 10)
        #expect(state.failure(curlCode: 23, detail: "").code == .transport)
    }

    @Test func messageJoinsLibcurlsTextAndItsErrorBuffer() {
        let state = TransferState(maxBodyBytes: 4, maxHeaderBytes: 10)
        let error = state.failure(curlCode: 28, detail: "Operation timed out after 200 milliseconds")
        #expect(error.message == "Timeout was reached: Operation timed out after 200 milliseconds")
        #expect(state.failure(curlCode: 28, detail: "").message == "Timeout was reached")
    }

    @Test(
        arguments: [
            (28, CurlError.Code.timedOut),
            (7, .couldNotConnect), (6, .couldNotConnect), (5, .couldNotConnect),
            (52, .connectionClosed), (18, .connectionClosed), (56, .connectionClosed), (55, .connectionClosed),
            (35, .tlsFailure), (60, .tlsFailure), (77, .tlsFailure), (58, .tlsFailure),
            (63, .responseTooLarge),
            (1, .invalidRequest), (3, .invalidRequest),
            (47, .transport), (27, .transport), (8, .transport),
        ] as [(UInt32, CurlError.Code)]
    )
    func curlCodesAreClassified(curlCode: UInt32, expected: CurlError.Code) {
        #expect(CurlError.Code(curlCode: curlCode) == expected)
    }
}
