/// Throwaway RSA keys for the identity tests, made once with `openssl genrsa 2048` (and a 1024-bit public key that
/// must be refused): generating RSA keys in a debug build takes whole seconds of CPU, which starves the timing tests
/// that run in parallel. They sign nothing but test tokens.
enum TestRSAKeys {
    static let privateKeys: [String] = [
        """
        -----BEGIN RSA PRIVATE KEY-----
        MIIEpAIBAAKCAQEAzkGXhdLeqFWANMyePWdjlFzfxIiQkGj9wLwxCHbfNqntLeQ8
        h/ZaELW0JTMZnE2gRCUbX4/EQ+khO18axJAud+qOso5mw1StmvGHD51ChUSrIu1J
        FGS/T/W0WKu6URrWhVrzbpZKiDFAxnz8Vz2WEm8hbP022CEZ11Q36wqdt5kdFOqa
        Xai4YjWy/qgjZXAVOnIMKSrG497RD95lRX34MF80ky9DJVFd0mpg9zreJWqfcdws
        0DKnsyISD9R9yr/hOtyCTdXbwRVkvHy17rg3OtDfym6Gd+Zk1VIjBnx1cUIGgJlJ
        zSL4QHVG2wxfJ9aw+xoVrwDMtuVLOSXHyTKmhQIDAQABAoIBAAwXASw5d46zcE/n
        /JCJ2mbsaLtq69pjJRiij1c5LI1WOY5alge8M3xOQlB55dLpI+9Ko4ee9Dis1iNW
        SEnkT6z8xT+HJFPnx0NRTALoy2jnZQanlQSKgUJNGzSlYEb3xUJM2f8N9TF1faAE
        3H+6nuzWscVjNE9H5W1fROXUmfkUeA/R5kkNIh71x+K68Lymlts94G9ON3YGK+6u
        fZ1rZlmKfzkQ3yl1nva/FkKRTorpikaJenA56Tsz4UnScx9YynogF4r+tSLo5VPe
        r649w6DOUrcjzIUMWhLDfU9HP/nwLLj9jfylWEmLM7spjScWeGIqK3TX8kEu31ur
        SzcWM7MCgYEA7wERXeQI/6yzgocgkhdx+fRoekU/umOdCCPBtSCC+bqAA3PCyo24
        BpwybwL4ZPP08ru4Mmy4FrCiRnKErR7FmeYDYywmBcgAt3/bWPbw4TgcQbrb95Ut
        +O4dQzEJI259PVGZbqZYDubH5YOX5OgaRhgujmpvwLHlTt/jUy8UUUsCgYEA3Oxd
        2BWRg/10I3AcWFIiyq7Y+iMu8BiWsBvD5ymLWlygEMw/+Sc5WZYcbBAT4l7vtucB
        KPTulzMjstgSrRDgmbRwhJYO20vhLlXaVmia3K/GRpjzgnejMDgBDm5aetDPvM+N
        M820jtwX/KgayqRBVY1qoyfzb3BQ84yhIE9A1W8CgYEAgFrWdNIOcyDQlvzy5QJq
        V46GvYOLIhJ1NvXdBeUb8fnS3gfBSP6rIgGopC24MJ9DoUhnN81jX+wkeijuT/sC
        rA/3Kb9//ALZP7MOncyguJNluXccwu3+7n0Sgg9HlRu1bsTv3ZjAGeCe4ge1/10X
        HyXFev52XcosGBvs/bN++dkCgYBhGc7Be/FiZxMVxF/g/fDmzuT1RGOMCfKpYvq+
        7oaeZ9m+qFdx5iiR1KWXZZWnyHxqEqxy2PzJHiQRpmDHCoT9ac6Op/nNr1NA72Ew
        23c9ilCGlRFqhbUHK4ZjVmOUWZUE8uCoJUC4DcrJNQXZjUpeFPMK1TNtBpu+AFCN
        h+gCJwKBgQDZtS3upNZ6TIGNYInGboAuFuisSLEAR0iQVRb1EDSOtgbEq7gN9t1d
        HN9KH8BK634YNIQ6gKvXt58Gm+PpBThD7yqh7/x8BWNu35e5pQvznI/67cFn52Um
        O9qvDcqSXU/88cJFzw1wL+u4i89mRMPhrHUJsJCZ9CIyLAtPAS1gRg==
        -----END RSA PRIVATE KEY-----
        """,
        """
        -----BEGIN RSA PRIVATE KEY-----
        MIIEoQIBAAKCAQEAmw6vcalzAv2KNdSCl144sAW2UpER5WYueB6S0V8JnakFEMUm
        t15bohoQuveIYVl7aRJdXy1xgAxZjn9AM08Kx8754v3CIJsiInAzZVF67vr/lcKF
        bO9Wgir7f6bW+jWGQLkdMA6eZ0JBFgKvKOf/T2lzEF6VNI61q6iwHGCaykHUdC9L
        ClhPLU9dr4v/1xFWPXc3d2mVjpn/uqsx12xXUCk4QUHUeKNI1hOP8mqDBr0fvx/f
        tfyfOmFQuqY0L03U5tQkdVqzLdTjKzDnDN2Lv7v9nrWeO9hKm5jFyum7gLsdmCDH
        u1xzp0TJUAiM/LEktl8lBERBu45Uq2JIeiQOlQIDAQABAoH/CHrFHXIm2AMFi+wT
        ODPu5bFqRxmn4OO1ptwFK24HGJglrsUZWO3QFQ1X3OGsk6ZRGW3nrUzO6DHEtAZB
        fIzWChdHkyJNe3sAYuG/7cqG7orLb2Uz5sEv+e5f0ptNJmHG9cMp1Xb3Mq5s4MdE
        zPfi/nTF1h9WCYnEZZ7UArlFvcnF9/V5uxWaRdI1BPMidRPr+o9GMc7X70SFlpf1
        Xa5QzXQ6Lk0KLhGz5w9UA10b3NpHHyjevafldSpHqazgDn/ritasYspFpWzXUH6k
        3OfS2Q1KUDuQUuFCQYOM1fksXejWXSk5FjEXy5zepgyG8DcLlqifsq39I5zoDSs7
        LliBAoGBANfpo9ULaRZ6nPer9blOksQkOcmq+A9VEmswpdVmucS1IV8DkcLYjN9f
        1LmaUd++f9skRkDEElaWmJPOk4iZwWtIa74Vts8L6C+oxq868bjuGUj3dnzN+G7F
        VLt7RD1d6UUk++d4E5z9Y5zDlZdSBa75ATS78Ew1sE4qj8tEnnvxAoGBALfYlaA9
        1ta9O+jubuOpLn7HSxbdOfilNhcse10uJhwM9QR9LAjU8/xDup4m34zbOrLJtTMM
        3qH+Fq3IUfmg+o1r9r2yl9wndhOzIdXaKGmdDeTUioT4DBA12d9YXC7F4GW8UQBN
        /GkvQroN778K0FTCx8UwfkH63TE2TVI9QjDlAoGAfSbs1Dz8+Q6xlc6TbIpjAFaP
        OJpll12Ug5V7Sqt02tSzN0P2ZZ7oaUI/KCaPdsYRjpEEN95vUsmQP3zqf6/AMdOU
        wGYNxQ391EJciI3+N1esSGNIxycM7ghsCRB2iau5316EtbMgi0tFRkUInOHqcXXc
        gRi/PS2RuH1rREPOKcECgYAZFCZ1EXp5GJ9Pixb9X1rEWJNZrxv1WzQhvSOm9mCk
        evABiMG1Are1tdeDM3JTWKSNNw7Mw/iqyGp3klf8YYVMPWoPPomQsqFc1pbLAVN5
        9L6sdIHg2aVroKzz1q3cg4m01xeFnx3Li3Lixnvp56O7rEZsE81lWr9Js0qg6VJa
        MQKBgQCHgFXDhKvlAx8OT1EFI9QLlzm+ttcdjqpgKLNjvsS1idMKbpA8dIr/0PIF
        XYoL5IOad88/RVeVMjCV7PQSsRHa5g8PxprKrPMDAzQxHq6EOKfTKTXrUqaQfvmu
        PTVrWDh6Dr7CWdsHGqM+GHAuDHwtCm/xG6rxau2K5Kdkmk1Lsg==
        -----END RSA PRIVATE KEY-----
        """,
        """
        -----BEGIN RSA PRIVATE KEY-----
        MIIEpQIBAAKCAQEAyN+om0kupojtM2vQHEBQU0eJJ1mlCrxGgeJuMkV37fm/lhZ1
        XvTgWTA87lO+v6xxFSkVECU89spQ0e7YSOoTOpmfDEjtQB4I1ZiIsBZF04PZnxh+
        uWp3FPPD4fM/95CNc0zIsvp5qe76BlLcuaAaqLsDVe6xGOWHvOvHCb3/LoBfNA2s
        7xcbfEF4N0ppotsjVMvcvaCaolsHiveKoXidPznM9bfOuWuqumUrC6cR+JeERUM3
        F1q0DXgCer1I4z3TrjpVxns+dQOAo9lvDWoD/n9w8EE3UsXI/lfgosYvXZL7S3Y6
        bQpkiuIWkL5/6Cu3DYnB7HzujpaBgxBNURh3IQIDAQABAoIBAD575BS5xPskqLRQ
        GyJOly3wmKdW6VHXkw8gAis9FLs/7uqe/c+V2Jult65i+njhCSQN7XFiQ/54nH9R
        DpJPzb9yvdiybqp9LT5T/mDX7MyIvQ8SLYk7puMrmIkWg5Vcr8Nn5R5Xb7T+k2OY
        LvTG6sQFuFnor8oQzBJmPTm4kkJCOyvDT79E7HqFCU7h10TPbKTabdZOtZPZYk4/
        YavdKvB9g+Vzy+r3IxoixvPHsfEs5Q3iCNKOCOvMZ812D7cQU5u+cwO9KH+QE0VB
        ghJC/coVlTp6fT/ts2gk/he3ltzoaFc4iwOZh0DQNClAlUopZNwA5v85fJ1BXUAW
        ekKR8wkCgYEA67TDm3c6vPCnGJyOjLkhtmE1+smCxf45BJT0/BNaHGut65yymIhf
        x7qwWvryF59+fivYVgBm7EYbdockcFP5qgAU4ntZTXVl1nY/82Io9LaAWu89ZLCR
        BF0xAMJpjQ91z8Xv0gAUtKNQm2Ox2uIHUw7ck8ONspKq1fwFPpPQYj8CgYEA2isl
        qEDGS9D6PZlwQ5nmNoXxnrxg/YWUor+9Y/GqYp3x1+rX788b1YVlfCxZybBWc/GY
        mvXdW+kmZzWm5U3XJ3GxbvI46zzwr3XyZkx7Gbc2+d/EDvr6CCQsWL9Qa7LCkEN8
        YkuzRYl+R+W83ygQdhxKVtHnbOymmL+H5re0Dp8CgYEAuUdyq3Zhmbuh3drSwxOT
        yIVJpUVZosFfmJZurOeZYdXS9O5MBVLN13aMwjeYrbEWAZ/9gjz2qqvBUr6Qiiu4
        iUVfJVjIrfamgpqZUnvKrfH3m4OLwuZ4V/HZXztzNQr+FMEG7xBZNlVaO4t2dxRN
        paB9Czog3EomN+bPSI1wtIkCgYEA0PozgA9L4qOyj/7CAn8QfXmgECTx4uZpkduI
        VovOYdhZKDHT1enVB5pXs7Hn78Hxje4F96k6+CdEmehSjaMaTLYi99sdmnctNWUN
        Y+AuqltNVdx5uL+/cLz1nazkI8V/iSCbrKxGdH1XcRcm67s8yWYf7znxK+0jR31v
        eBjPaJECgYEA0ER4oG+bNs1J4iDHMFA5IxYTIIDQgysOCBlMgK7UF1PPVQeGh5nQ
        cnWydHpYG06K/1jAg7ENYB86Phi5hUM619m8mV5WlMrD4fujJ8M3CbiA7PRiKZYY
        uMHm06erT5I5zyK/mUBX5uR5iztDVeXHM6xooOAwrsLAnqn5RMvU4dk=
        -----END RSA PRIVATE KEY-----
        """,
    ]

    /// A 1024-bit RSA public key: below RS256's minimum.
    static let smallPublicKey = """
        -----BEGIN PUBLIC KEY-----
        MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDDmtPvsfJ26Wm1VPnHPgZXORC2
        MNnDViLMw8/m5H98ORj4cssn5Fw3y7csPD22jyjgxtwqV6qH6BRVMDomlMVkOJjf
        qUD+itcWkj1eF5eLhyRn4bJcygov60SNYIoLsjHGq+mYdR6T7yapU3ls86HkiFyN
        3RvllNxqNtOCSe+rEQIDAQAB
        -----END PUBLIC KEY-----
        """
}
